import GRDB

/// Organization involvement: one row per organization (registrable domain of the sender address),
/// plus one row for senders with no organization (webmail, or no domain).
public struct OrganizationReport: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        /// The organization, or nil for the unaffiliated row.
        public var organization: String?
        public var messages: Int
        public var people: Int
        /// Threads whose first message came from this organization.
        public var threads_started: Int
        public var first_message: String?
        public var last_message: String?
    }

    public var rows: [Row]
    public var totalMessages: Int

    /// Builds the report, largest organizations first.
    public static func build(store: Store) throws -> OrganizationReport {
        try store.pool.read { db in
            let rows = try GRDB.Row.fetchAll(db, sql: """
                SELECT o.name AS organization, count(*) AS messages, count(DISTINCT m.participant_id) AS people,
                       sum(CASE WHEN t.root_id = m.id THEN 1 ELSE 0 END) AS threads_started,
                       min(m.date) AS first, max(m.date) AS last
                FROM message m
                LEFT JOIN organization o ON o.id = m.organization_id
                LEFT JOIN thread t ON t.id = m.thread_id
                GROUP BY m.organization_id
                ORDER BY messages DESC, o.name
                """).map { r in
                Row(organization: r["organization"], messages: r["messages"], people: r["people"],
                    threads_started: r["threads_started"],
                    first_message: (r["first"] as Int64?).map(MailDateFormatting.rfc3339),
                    last_message: (r["last"] as Int64?).map(MailDateFormatting.rfc3339))
            }
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM message") ?? 0
            return OrganizationReport(rows: rows, totalMessages: total)
        }
    }
}
