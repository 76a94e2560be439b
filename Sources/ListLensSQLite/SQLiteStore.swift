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
    public let path: String
    package let pool: DatabasePool

    public var location: String { path }

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        self.path = path
        var config = Configuration()
        config.prepareDatabase { db in
            // WAL with NORMAL sync: durable at checkpoints, and much faster for bulk import.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            var migrator = DatabaseMigrator()
            Migrations.register(in: &migrator)
            try migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw SQLiteStoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }
}
