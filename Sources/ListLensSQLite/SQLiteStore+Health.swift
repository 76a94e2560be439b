import GRDB
import ListLensIndex
import ListLensText

extension SQLiteStore {
    public func healthReport(_ query: ReportQuery, perList: Bool, share: Double) throws -> HealthReport {
        try read { db in
            let tables = try Self.reportTables(db, query)
            let counted = Self.reportFilter(query)
            let listColumn = perList ? "r.list_id" : "NULL"
            var sums = HealthSums()
            // One scan gives both the organizations' and the persons' messages per list and period,
            // in the organization index's order (the ORDER BY costs no sort; it makes sure each
            // organization's rows come together). Its rows are summed here, not grouped in SQL:
            // they are nearly one group each, and SQLite's grouping tripled the scan's time.
            let r = try IntegerRows(db, sql: tables + """
                SELECT \(listColumn), r.month, r.organization_id, r.person_id, r.messages
                FROM report_sender r WHERE \(counted.sql) ORDER BY r.organization_id
                """, arguments: counted.arguments)
            while try r.next() {
                let slot = sums.slot(list: r[optional: 0], period: Self.periodKey(query.by, month: r[optional: 1]))
                sums.add(messages: Int(r[4]), slot: slot, organization: r[optional: 2], person: r[optional: 3])
            }
            sums.endOrganization()
            let t = try IntegerRows(db, sql: tables + """
                SELECT \(listColumn), r.month, r.first_reply - r.date FROM report_start r WHERE \(counted.sql)
                """, arguments: counted.arguments)
            while try t.next() {
                let slot = sums.slot(list: t[optional: 0], period: Self.periodKey(query.by, month: t[optional: 1]))
                sums.addThread(slot: slot, firstReplyAfter: t[optional: 2])
            }

            let people = sums.people()
            let lists = perList ? try Self.listNames(db) : [:]
            let period = { (slot: Int) in Self.periodName(query.by, sums.keys[slot].period) }
            let list = { (slot: Int) in sums.keys[slot].list.flatMap { lists[$0] } }
            // A row for each list and period with counted messages (a counted thread's root is one
            // of them), all lists last, periods in order.
            let rows = sums.keys.indices.filter { sums.slots[$0].messages > 0 }.sorted {
                (list($0) == nil ? 1 : 0, list($0) ?? "", period($0) ?? "") < (list($1) == nil ? 1 : 0, list($1) ?? "", period($1) ?? "")
            }.map { slot in
                let s = sums.slots[slot]
                return HealthReport.Row(
                    list: list(slot), period: period(slot), messages: s.messages, people: people[slot].count,
                    organizations: s.organizations.count,
                    affiliatedShare: (Double(s.affiliated) / Double(s.messages) * 10_000).rounded() / 10_000,
                    elephantFactor: HealthReport.factor(s.organizations, share: share, of: s.affiliated),
                    contributorAbsenceFactor: HealthReport.factor(people[slot], share: share, of: s.messages),
                    threadsStarted: s.started, medianFirstResponseSeconds: s.delays.median.map { Int($0) },
                    unansweredThreads: s.unanswered)
            }
            return HealthReport(rows: rows, share: share)
        }
    }

    /// Every list's name by its id, for report rows keyed by id.
    static func listNames(_ db: Database) throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT id, name FROM list") { names[r[0]] = r[1] }
        return names
    }
}
