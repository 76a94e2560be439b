import Foundation
import GRDB
import ListLensIndex

/// The embedded default store: one SQLite file in WAL mode, schema created by ``Migrations``,
/// full-text search through FTS5. docs/schema.md documents the tables for people who query the
/// file with sqlite3.
///
/// ```swift
/// let store = try SQLiteStore(path: "listlens.sqlite")
/// let summary = try Importer(store: store).run(paths: ["2013-July.txt.gz"])
/// ```
public final class SQLiteStore: ListLensStore {
    /// How the file is opened.
    public enum Access: Sendable {
        /// Created if missing, migrated to the current schema; for imports.
        case readWrite
        /// Never written, never migrated: for commands that only read, which then work on a file
        /// or in a folder the user may only read.
        case readOnly
    }

    /// How long a statement waits for a lock another process holds (a second import waits for the
    /// first one's batch to commit) before giving up with ``SQLiteStoreError/busy(path:)``.
    public static let busyTimeout: TimeInterval = 60

    public let path: String
    public let access: Access
    package let pool: any DatabaseWriter

    public var location: String { path }

    /// Opens the database at `path`: for writing (created if needed and migrated), or for reading only.
    public init(path: String, access: Access = .readWrite) throws {
        self.path = path
        self.access = access
        var config = Configuration()
        config.busyMode = .timeout(Self.busyTimeout)
        config.prepareDatabase { db in try Self.prepareSearch(db) }
        do {
            switch access {
            case .readWrite:
                config.prepareDatabase { db in
                    // WAL with NORMAL sync: durable at checkpoints, and much faster for bulk import.
                    try db.execute(sql: "PRAGMA synchronous = NORMAL")
                }
                let pool = try DatabasePool(path: path, configuration: config)
                var migrator = DatabaseMigrator()
                Migrations.register(in: &migrator)
                try migrator.migrate(pool)
                self.pool = pool
            case .readOnly:
                config.readonly = true
                self.pool = try Self.openReadOnly(path: path, configuration: config)
            }
        } catch let error as DatabaseError {
            throw SQLiteStoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// A read-only connection. A WAL database in a folder the user cannot write has no `-shm` file
    /// to share, and SQLite refuses it (SQLITE_READONLY_CANTINIT): it is then opened `immutable`,
    /// which is right for a file nobody with that access can be writing.
    private static func openReadOnly(path: String, configuration: Configuration) throws -> DatabaseQueue {
        func open(_ name: String) throws -> DatabaseQueue {
            let queue = try DatabaseQueue(path: name, configuration: configuration)
            guard try queue.read({ try $0.tableExists("message") }) else { throw SQLiteStoreError.notAListLensDatabase(path: path) }
            return queue
        }
        do {
            return try open(path)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN || error.resultCode == .SQLITE_READONLY {
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            let escaped = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute
            return try open("file:" + escaped + "?immutable=1")
        }
    }

    /// Reads in one snapshot; GRDB's errors (which quote SQL) become ``SQLiteStoreError``s.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch let error as DatabaseError { throw SQLiteStoreError.from(error, path: path) }
    }

    /// Writes in one transaction; GRDB's errors become ``SQLiteStoreError``s.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch let error as DatabaseError { throw SQLiteStoreError.from(error, path: path) }
    }
}
