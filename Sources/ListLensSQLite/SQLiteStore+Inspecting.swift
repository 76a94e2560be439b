import GRDB
import ListLensIndex

extension SQLiteStore {
    public func appliedMigrations() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
    }

    /// The migrations this version of ListLens knows, in order.
    public static var knownMigrations: [String] {
        var migrator = DatabaseMigrator()
        Migrations.register(in: &migrator)
        return migrator.migrations
    }

    /// True when an older ListLens wrote the store: migrations this version knows are not applied.
    public func isOutdated() throws -> Bool {
        !Set(Self.knownMigrations).isSubset(of: try appliedMigrations())
    }

    public func counts() throws -> StoreCounts {
        try read { db in
            // Published messages only (a thread holds them), and the people and organizations they name.
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*), count(DISTINCT participant_id), count(DISTINCT organization_id) FROM message WHERE thread_id IS NOT NULL
                """)
            return StoreCounts(messages: row?[0] ?? 0,
                               quarantined: try Int.fetchOne(db, sql: "SELECT count(*) FROM quarantine") ?? 0,
                               participants: row?[1] ?? 0, organizations: row?[2] ?? 0,
                               threads: try Int.fetchOne(db, sql: "SELECT count(*) FROM thread") ?? 0)
        }
    }
}
