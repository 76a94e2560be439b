import GRDB
import ListLensIndex
import ListLensMail
import ListLensText

extension SQLiteStore {
    public func organizationReport(_ query: ReportQuery) throws -> OrganizationReport {
        try read { db in
            // Each figure summed from the report tables, grouped by period and organization.
            let tables = try Self.reportTables(db, query)
            let filter = Self.reportFilter(query, byOrganization: false)
            let period = Self.periodKey(query.by, "r.month")
            let names = try Self.organizationNames(db)
            let day = { (t: Int64?) in t.map { MailDate(epochSeconds: $0).rfc3339 } }
            // The rows of each organization come together, in its index's order (the ORDER BY costs
            // no sort), and are summed here a run at a time, with a set for the distinct persons:
            // on a million messages SQLite's grouping with count(DISTINCT) took twice as long.
            var senders = KeyedSums<PeriodOrganization, OrganizationSums.Senders>(.init())
            var counted = 0, rewritten = 0
            let r = try IntegerRows(db, sql: tables + """
                SELECT \(period), r.organization_id, r.person_id, r.messages, r.words, r.first_date, r.last_date, r.rewritten
                FROM report_sender r WHERE \(filter.sql) ORDER BY r.organization_id
                """, arguments: filter.arguments)
            while try r.next() {
                let messages = Int(r[3])
                let slot = senders.slot(PeriodOrganization(period: r[optional: 0], organization: r[optional: 1]))
                senders.sums[slot].add(messages: messages, words: Int(r[4]), person: r[optional: 2], first: r[optional: 5], last: r[optional: 6])
                counted += messages
                rewritten += Int(r[7])
            }
            var rows: [PeriodOrganization: OrganizationReport.Row] = [:]
            for (key, sums) in zip(senders.keys, senders.sums) {
                rows[key] = OrganizationReport.Row(
                    period: Self.periodName(query.by, key.period), organization: key.organization.flatMap { names[$0] }, messages: sums.messages,
                    words: sums.words, people: sums.persons.count, threadsStarted: 0, threadsJoined: 0, firstMessage: day(sums.first), lastMessage: day(sums.last))
            }
            // Threads joined: each organization's rows in thread order (`+` keeps SQLite from
            // taking `started` for a search term, which would cost the index's order), so a
            // thread is counted where it differs from the last one counted for its period.
            var joined = KeyedSums<PeriodOrganization, OrganizationSums.Threads>(.init())
            let t = try IntegerRows(db, sql: tables + """
                SELECT \(period), r.organization_id, r.thread_id FROM report_thread r
                WHERE \(filter.sql) AND +r.started = 0 ORDER BY r.organization_id, r.started, r.thread_id
                """, arguments: filter.arguments)
            while try t.next() {
                joined.sums[joined.slot(PeriodOrganization(period: t[optional: 0], organization: t[optional: 1]))].add(thread: t[2])
            }
            for (key, threads) in zip(joined.keys, joined.sums) { rows[key]?.threadsJoined = threads.count }
            // A reply across organizations: given by the replying one, received by the parent's, in
            // the reply's period (a parent from an automated sender only when bots count, as in the
            // reply matrix).
            let replies = try Row.fetchCursor(db, sql: tables + """
                SELECT \(period), r.organization_id, r.parent_organization_id, sum(r.replies)
                FROM report_reply r
                WHERE \(filter.sql) AND (:bots OR r.parent_automated IS NOT 1) AND r.organization_id IS NOT r.parent_organization_id
                GROUP BY 1, 2, 3
                """, arguments: filter.arguments)
            while let r = try replies.next() {
                let n: Int = r[3]
                rows[PeriodOrganization(period: r[0], organization: r[1])]?.repliesGiven += n
                rows[PeriodOrganization(period: r[0], organization: r[2])]?.repliesReceived += n
            }
            // The threads each started, and when another person (not an automated sender) first
            // answered.
            var starts = KeyedSums<PeriodOrganization, OrganizationSums.Starts>(.init())
            let st = try IntegerRows(db, sql: tables + """
                SELECT \(period), r.organization_id, r.first_reply - r.date FROM report_start r WHERE \(filter.sql)
                """, arguments: filter.arguments)
            while try st.next() {
                starts.sums[starts.slot(PeriodOrganization(period: st[optional: 0], organization: st[optional: 1]))].add(firstReplyAfter: st[optional: 2])
            }
            for (key, sums) in zip(starts.keys, starts.sums) {
                rows[key]?.threadsStarted = sums.delays.count + sums.unanswered
                rows[key]?.unanswered = sums.unanswered
                rows[key]?.medianFirstReplySeconds = sums.delays.median.map { Int($0) }
            }
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
        let row = try Row.fetchOne(db, sql: try Self.reportTables(db, query) + """
            SELECT COALESCE(sum(r.messages), 0), count(DISTINCT r.participant_id) FROM report_sender r WHERE \(bots.sql)
            """, arguments: bots.arguments)
        return .init(messages: row?[0] ?? 0, senders: row?[1] ?? 0)
    }

    public func replyMatrix(_ query: ReportQuery) throws -> ReplyMatrix {
        try read { db in
            // The replies counted (from a known sender), by their organization and their parent's; a
            // parent from an automated sender is left out unless bots count.
            let counted = Self.reportFilter(query)
            let rows = try Row.fetchAll(db, sql: try Self.reportTables(db, query) + """
                SELECT o.name, po.name, sum(r.replies)
                FROM report_reply r LEFT JOIN organization o ON o.id = r.organization_id
                LEFT JOIN organization po ON po.id = r.parent_organization_id
                WHERE \(counted.sql) AND r.automated IS NOT NULL AND (:bots OR r.parent_automated IS NOT 1)
                GROUP BY r.organization_id, r.parent_organization_id
                """, arguments: counted.arguments)
            return ReplyMatrix(counts: rows.map { ($0[0], $0[1], $0[2]) })
        }
    }

    public func explainOrganization(_ query: ReportQuery) throws -> OrganizationExplanation {
        try read { db in
            let counted = Self.reportFilter(query)
            var members: [Int64: OrganizationExplanation.Member] = [:]
            let rows = try Row.fetchAll(db, sql: try Self.reportTables(db, query) + """
                SELECT COALESCE(p.person_id, p.id), ps.name, p.key, sum(r.messages),
                       max(r.organization_id IS NOT p.organization_id), min(r.organization_id IS NOT p.organization_id)
                FROM report_sender r JOIN participant p ON p.id = r.participant_id LEFT JOIN person ps ON ps.id = COALESCE(p.person_id, p.id)
                WHERE \(counted.sql) AND r.organization_id IS NOT NULL
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
