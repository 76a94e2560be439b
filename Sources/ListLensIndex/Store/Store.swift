import GRDB

/// The ListLens database: one SQLite file in WAL mode, schema created by ``Migrations``.
///
/// ```swift
/// let store = try Store(path: "listlens.sqlite")
/// let summary = try Importer(store: store).run(paths: ["2013-July.txt.gz"])
/// ```
public final class Store: Sendable {
    public let path: String
    package let pool: DatabasePool

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
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// Names of the migrations applied to this file, in order.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
    }

    /// Counts of the main tables, for summaries and tests.
    public func counts() throws -> (messages: Int, quarantined: Int, participants: Int, organizations: Int, threads: Int) {
        try pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM message") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM quarantine") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM participant") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM organization") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM thread") ?? 0)
        }
    }
}
