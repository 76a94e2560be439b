import GRDB
import ListLensIndex
import ListLensMail
import ListLensText

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

    /// The SQL naming the period of a date column for `orgs --by` (`2020-03`, `2020-Q1`, `2020`, UTC;
    /// ``ReportPeriod/undated`` where the date is NULL), or NULL without `--by`.
    static func periodExpression(_ by: ReportPeriod?, _ column: String) -> String {
        let named: String
        switch by {
        case nil: return "NULL"
        case .month?: named = "strftime('%Y-%m', \(column), 'unixepoch')"
        case .year?: named = "strftime('%Y', \(column), 'unixepoch')"
        case .quarter?:
            named = "strftime('%Y', \(column), 'unixepoch') || '-Q' || ((CAST(strftime('%m', \(column), 'unixepoch') AS INTEGER) + 2) / 3)"
        }
        return "COALESCE(\(named), '\(ReportPeriod.undated)')"
    }

    /// When a thread's first message `m` (its sender `p`) was first answered by another person, not
    /// an automated sender: the earliest such message of the thread, at or after it.
    static let firstReplySQL = """
        (SELECT min(x.date) FROM message x JOIN participant xp ON xp.id = x.participant_id
         WHERE x.thread_id = m.thread_id AND x.id != m.id AND x.date >= m.date AND xp.automated IS NULL
           AND COALESCE(xp.person_id, xp.id) IS NOT COALESCE(p.person_id, p.id))
        """

    public func organizationReport(_ query: ReportQuery) throws -> OrganizationReport {
        try read { db in
            let filter = Self.reportFilter(query, byOrganization: false)
            let period = Self.periodExpression(query.by, "m.date")
            // One pass over the counted messages, each with its thread's root and its stored parent's
            // organization (a parent from an automated sender only when bots count, as in the reply
            // matrix): every figure but the first replies is summed from it.
            var totals: [PeriodOrganization: OrganizationTotals] = [:]
            var replyPairs: [PeriodOrganization: [Int64?: Int]] = [:]
            var counted = 0, rewritten = 0
            let messages = try Row.fetchCursor(db, sql: """
                SELECT \(period), m.organization_id, COALESCE(p.person_id, m.participant_id), t.root_id = m.id, m.thread_id,
                       m.authored_words, m.date, m.from_rewritten IS NOT NULL,
                       parent.id IS NOT NULL AND (:bots OR pp.automated IS NULL), parent.organization_id
                FROM message m JOIN thread t ON t.id = m.thread_id LEFT JOIN participant p ON p.id = m.participant_id
                LEFT JOIN message parent ON parent.id = m.parent_id LEFT JOIN participant pp ON pp.id = parent.participant_id
                WHERE \(filter.sql)
                """, arguments: filter.arguments)
            while let r = try messages.next() {
                let key = PeriodOrganization(period: r[0], organization: r[1])
                totals[key, default: OrganizationTotals()].add(person: r[2], started: r[3], thread: r[4], words: r[5] ?? 0, date: r[6])
                counted += 1
                if r[7] as Bool { rewritten += 1 }
                // A reply across organizations: given by this row, received by the parent's in this period.
                let parentOrganization: Int64? = r[9]
                if r[8] as Bool, key.organization != parentOrganization { replyPairs[key, default: [:]][parentOrganization, default: 0] += 1 }
            }
            var names: [Int64: String] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT id, name FROM organization") { names[r[0]] = r[1] }
            let day = { (t: Int64?) in t.map { MailDate(epochSeconds: $0).rfc3339 } }
            var rows: [PeriodOrganization: OrganizationReport.Row] = [:]
            for (key, t) in totals {
                rows[key] = OrganizationReport.Row(
                    period: key.period, organization: key.organization.flatMap { names[$0] }, messages: t.messages, words: t.words,
                    people: t.persons.count, threadsStarted: t.started, threadsJoined: t.joined.count,
                    firstMessage: day(t.first), lastMessage: day(t.last))
            }
            for (key, parents) in replyPairs {
                for (parent, n) in parents {
                    rows[key]?.repliesGiven += n
                    rows[PeriodOrganization(period: key.period, organization: parent)]?.repliesReceived += n
                }
            }
            // The threads each started, and when another person (not an automated sender) first answered.
            var delays: [PeriodOrganization: [Int64]] = [:]
            let starts = try Row.fetchCursor(db, sql: """
                SELECT \(period), m.organization_id, m.date, \(Self.firstReplySQL)
                FROM message m JOIN thread t ON t.root_id = m.id AND t.id = m.thread_id
                LEFT JOIN participant p ON p.id = m.participant_id
                WHERE \(filter.sql)
                """, arguments: filter.arguments)
            while let r = try starts.next() {
                let key = PeriodOrganization(period: r[0], organization: r[1])
                guard let date: Int64 = r[2], let first: Int64 = r[3] else {
                    rows[key]?.unanswered += 1
                    continue
                }
                delays[key, default: []].append(first - date)
            }
            for (key, d) in delays { rows[key]?.medianFirstReplySeconds = d.median.map { Int($0) } }

            // Periods in order, each period's organizations largest first, the unaffiliated row among them.
            let sorted = rows.values.sorted {
                ($0.period ?? "", -$0.messages, $0.organization ?? "") < ($1.period ?? "", -$1.messages, $1.organization ?? "")
            }
            guard !query.includingAutomated else { return OrganizationReport(rows: sorted, totalMessages: counted, rewritten: rewritten) }
            return OrganizationReport(rows: sorted, totalMessages: counted, leftOut: try self.leftOut(db, query, byOrganization: false),
                                      rewritten: rewritten)
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
                GROUP BY +m.organization_id, parent.organization_id
                """, arguments: counted.arguments)
            // `+`: grouped in a temporary tree, so SQLite reads the replies from the report index
            // rather than walking message_organization for its order and every row of the table.
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
