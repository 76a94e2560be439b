import GRDB
import ListLensIndex
import ListLensMail

extension SQLiteStore {
    /// Published messages only (a thread holds them), so messages and threads agree mid-import.
    public func organizationReport() throws -> OrganizationReport {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT o.name AS organization, count(*) AS messages, count(DISTINCT m.participant_id) AS people,
                       sum(CASE WHEN t.root_id = m.id THEN 1 ELSE 0 END) AS threads_started,
                       min(m.date) AS first, max(m.date) AS last
                FROM message m
                LEFT JOIN organization o ON o.id = m.organization_id
                JOIN thread t ON t.id = m.thread_id
                GROUP BY m.organization_id
                ORDER BY messages DESC, o.name
                """).map { r in
                OrganizationReport.Row(organization: r["organization"], messages: r["messages"], people: r["people"],
                                       threadsStarted: r["threads_started"],
                                       firstMessage: (r["first"] as Int64?).map { MailDate(epochSeconds: $0).rfc3339 },
                                       lastMessage: (r["last"] as Int64?).map { MailDate(epochSeconds: $0).rfc3339 })
            }
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM message WHERE thread_id IS NOT NULL") ?? 0
            return OrganizationReport(rows: rows, totalMessages: total)
        }
    }
}
