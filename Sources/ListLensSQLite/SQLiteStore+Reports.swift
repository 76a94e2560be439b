import GRDB
import ListLensIndex
import ListLensMail

extension SQLiteStore {
    /// Published messages only (a thread holds them), so messages and threads agree mid-import.
    /// The WHERE condition of a report's messages (`m`, with their sender `p`), and its arguments:
    /// one filter for every figure a report prints. `automated` nil leaves automated senders in;
    /// `byOrganization` false leaves the query's organization out.
    static func reportFilter(_ query: ReportQuery, automated: Bool? = false, byOrganization: Bool = true) -> (sql: String, arguments: StatementArguments) {
        var sql = """
            m.thread_id IS NOT NULL
              AND (:since IS NULL OR m.date >= :since) AND (:until IS NULL OR m.date < :until)
              AND (:list IS NULL OR m.list_id = (SELECT id FROM list WHERE name = :list))
            """
        if byOrganization { sql += " AND (:org IS NULL OR m.organization_id = (SELECT id FROM organization WHERE name = :org COLLATE NOCASE ORDER BY id LIMIT 1))" }
        switch automated {
        case false?: sql += " AND (:bots OR p.automated IS NULL)"
        case true?: sql += " AND p.automated IS NOT NULL"
        case nil: break
        }
        var arguments: StatementArguments = ["since": query.since, "until": query.until, "list": query.list, "bots": query.includingAutomated]
        if byOrganization { arguments += ["org": query.organization] }
        return (sql, arguments)
    }

    public func organizationReport(_ query: ReportQuery) throws -> OrganizationReport {
        try read { db in
            let counted = Self.reportFilter(query, byOrganization: false)
            let rows = try Row.fetchAll(db, sql: """
                SELECT o.name AS organization, count(*) AS messages, count(DISTINCT COALESCE(p.person_id, m.participant_id)) AS people,
                       sum(CASE WHEN t.root_id = m.id THEN 1 ELSE 0 END) AS threads_started,
                       min(m.date) AS first, max(m.date) AS last
                FROM message m
                LEFT JOIN organization o ON o.id = m.organization_id
                JOIN thread t ON t.id = m.thread_id
                LEFT JOIN participant p ON p.id = m.participant_id
                WHERE \(counted.sql)
                GROUP BY m.organization_id
                ORDER BY messages DESC, o.name
                """, arguments: counted.arguments).map { r in
                OrganizationReport.Row(organization: r["organization"], messages: r["messages"], people: r["people"],
                                       threadsStarted: r["threads_started"],
                                       firstMessage: (r["first"] as Int64?).map { MailDate(epochSeconds: $0).rfc3339 },
                                       lastMessage: (r["last"] as Int64?).map { MailDate(epochSeconds: $0).rfc3339 })
            }
            let all = Self.reportFilter(query, automated: nil, byOrganization: false)
            let total = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM message m LEFT JOIN participant p ON p.id = m.participant_id WHERE \(all.sql)
                """, arguments: all.arguments) ?? 0
            let rewritten = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM message m LEFT JOIN participant p ON p.id = m.participant_id
                WHERE \(counted.sql) AND m.from_rewritten IS NOT NULL
                """, arguments: counted.arguments) ?? 0
            guard !query.includingAutomated else { return OrganizationReport(rows: rows, totalMessages: total, rewritten: rewritten) }
            let leftOut = try self.leftOut(db, query, byOrganization: false)
            return OrganizationReport(rows: rows, totalMessages: total - leftOut.messages, leftOut: leftOut, rewritten: rewritten)
        }
    }

    /// The messages of automated senders a report leaves out, and how many senders sent them.
    func leftOut(_ db: Database, _ query: ReportQuery, byOrganization: Bool) throws -> OrganizationReport.LeftOut {
        let bots = Self.reportFilter(query, automated: true, byOrganization: byOrganization)
        let row = try Row.fetchOne(db, sql: """
            SELECT count(*), count(DISTINCT m.participant_id) FROM message m JOIN participant p ON p.id = m.participant_id
            WHERE \(bots.sql)
            """, arguments: bots.arguments)
        return .init(messages: row?[0] ?? 0, senders: row?[1] ?? 0)
    }

    public func replyMatrix(_ query: ReportQuery) throws -> ReplyMatrix {
        try read { db in
            // The replies counted, by their organization and their parent's; a parent from an
            // automated sender is left out unless bots count.
            let counted = Self.reportFilter(query)
            let rows = try Row.fetchAll(db, sql: """
                SELECT o.name, po.name, count(*)
                FROM message m JOIN participant p ON p.id = m.participant_id
                JOIN message parent ON parent.id = m.parent_id
                LEFT JOIN participant pp ON pp.id = parent.participant_id
                LEFT JOIN organization o ON o.id = m.organization_id
                LEFT JOIN organization po ON po.id = parent.organization_id
                WHERE \(counted.sql) AND (:bots OR pp.automated IS NULL)
                GROUP BY m.organization_id, parent.organization_id
                """, arguments: counted.arguments)
            return ReplyMatrix(counts: rows.map { ($0[0], $0[1], $0[2]) })
        }
    }

    public func explainOrganization(_ query: ReportQuery) throws -> OrganizationExplanation {
        try read { db in
            let counted = Self.reportFilter(query)
            var members: [Int64: OrganizationExplanation.Member] = [:]
            let rows = try Row.fetchAll(db, sql: """
                SELECT COALESCE(p.person_id, p.id), ps.name, p.key, count(*),
                       max(m.organization_id IS NOT p.organization_id), min(m.organization_id IS NOT p.organization_id)
                FROM message m JOIN participant p ON p.id = m.participant_id LEFT JOIN person ps ON ps.id = COALESCE(p.person_id, p.id)
                WHERE \(counted.sql) AND m.organization_id IS NOT NULL
                GROUP BY p.id ORDER BY 4 DESC, p.key
                """, arguments: counted.arguments)
            for r in rows {
                let id: Int64 = r[0]
                let n: Int = r[3]
                // A message counts for another organization than its address's only by a dated affiliation.
                let dated: Bool = r[4], undated: Bool = !(r[5] as Bool)
                let reason = dated && undated ? "affiliation and domain" : dated ? "affiliation" : "domain"
                var m = members[id] ?? .init(personID: id, name: r[1], messages: 0, addresses: [], reason: reason)
                if m.reason != reason { m.reason = "affiliation and domain" }
                m.messages += n
                m.addresses.append(.init(address: r[2], messages: n))
                members[id] = m
            }
            let sorted = members.values.sorted { ($0.messages, $1.personID) > ($1.messages, $0.personID) }
            let name = try String.fetchOne(db, sql: "SELECT name FROM organization WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1",
                                           arguments: [query.organization])
            return OrganizationExplanation(organization: name ?? query.organization ?? "",
                                           messages: sorted.reduce(0) { $0 + $1.messages }, members: sorted)
        }
    }
}
