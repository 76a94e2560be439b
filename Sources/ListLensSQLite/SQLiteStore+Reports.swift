import GRDB
import ListLensIndex
import ListLensMail

extension SQLiteStore {
    /// Published messages only (a thread holds them), so messages and threads agree mid-import.
    public func organizationReport(includingAutomated: Bool) throws -> OrganizationReport {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT o.name AS organization, count(*) AS messages, count(DISTINCT COALESCE(p.person_id, m.participant_id)) AS people,
                       sum(CASE WHEN t.root_id = m.id THEN 1 ELSE 0 END) AS threads_started,
                       min(m.date) AS first, max(m.date) AS last
                FROM message m
                LEFT JOIN organization o ON o.id = m.organization_id
                JOIN thread t ON t.id = m.thread_id
                LEFT JOIN participant p ON p.id = m.participant_id
                WHERE ? OR p.automated IS NULL
                GROUP BY m.organization_id
                ORDER BY messages DESC, o.name
                """, arguments: [includingAutomated]).map { r in
                OrganizationReport.Row(organization: r["organization"], messages: r["messages"], people: r["people"],
                                       threadsStarted: r["threads_started"],
                                       firstMessage: (r["first"] as Int64?).map { MailDate(epochSeconds: $0).rfc3339 },
                                       lastMessage: (r["last"] as Int64?).map { MailDate(epochSeconds: $0).rfc3339 })
            }
            let all = try Int.fetchOne(db, sql: "SELECT count(*) FROM message WHERE thread_id IS NOT NULL") ?? 0
            guard !includingAutomated else { return OrganizationReport(rows: rows, totalMessages: all) }
            let automated = try Row.fetchOne(db, sql: """
                SELECT count(*), count(DISTINCT m.participant_id) FROM message m JOIN participant p ON p.id = m.participant_id
                WHERE m.thread_id IS NOT NULL AND p.automated IS NOT NULL
                """)
            let (messages, senders): (Int, Int) = (automated?[0] ?? 0, automated?[1] ?? 0)
            return OrganizationReport(rows: rows, totalMessages: all - messages, leftOut: .init(messages: messages, senders: senders))
        }
    }
}
