import GRDB
import ListLensIndex

extension SQLiteStore {
    public func appliedMigrations() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
    }

    public func counts() throws -> StoreCounts {
        try read { db in
            StoreCounts(messages: try Int.fetchOne(db, sql: "SELECT count(*) FROM message") ?? 0,
                        quarantined: try Int.fetchOne(db, sql: "SELECT count(*) FROM quarantine") ?? 0,
                        participants: try Int.fetchOne(db, sql: "SELECT count(*) FROM participant") ?? 0,
                        organizations: try Int.fetchOne(db, sql: "SELECT count(*) FROM organization") ?? 0,
                        threads: try Int.fetchOne(db, sql: "SELECT count(*) FROM thread") ?? 0)
        }
    }
}
