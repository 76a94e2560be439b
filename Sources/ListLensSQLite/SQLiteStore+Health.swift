import GRDB
import ListLensIndex
import ListLensText

extension SQLiteStore {
    public func healthReport(_ query: ReportQuery, perList: Bool, share: Double) throws -> HealthReport {
        try read { db in
            let tables = try Self.reportTables(db, query)
            let counted = Self.reportFilter(query)
            let list = perList ? "l.name" : "NULL"
            let joins = "LEFT JOIN list l ON l.id = r.list_id"
            struct Key: Hashable { var list: String?; var period: Int64? }
            var order: [Key] = []
            // One grouped scan gives both the organizations' and the persons' messages per list and
            // period: grouped by organization, month and person, as the organization index orders
            // the rows (no sort), and summed into periods here.
            var messages: [Key: Int] = [:], affiliated: [Key: Int] = [:]
            var byOrganization: [Key: [Int64: Int]] = [:], byPerson: [Key: [Int64?: Int]] = [:]
            let groups = try Row.fetchCursor(db, sql: tables + """
                SELECT \(list), r.month, r.organization_id, r.person_id, sum(r.messages)
                FROM report_sender r \(joins) WHERE \(counted.sql)
                GROUP BY r.organization_id, r.month, r.person_id, r.automated, r.list_id
                """, arguments: counted.arguments)
            while let r = try groups.next() {
                let key = Key(list: r[0], period: Self.periodKey(query.by, month: r[1]))
                let n: Int = r[4]
                if messages[key] == nil { order.append(key) }
                messages[key, default: 0] += n
                if let organization: Int64 = r[2] {
                    byOrganization[key, default: [:]][organization, default: 0] += n
                    affiliated[key, default: 0] += n
                }
                byPerson[key, default: [:]][r[3] as Int64?, default: 0] += n
            }
            let organizations = byOrganization.mapValues { Array($0.values) }
            let people = byPerson.mapValues { Array($0.values) }
            var started: [Key: Int] = [:], unanswered: [Key: Int] = [:], delays: [Key: [Int64]] = [:]
            let threads = try Row.fetchCursor(db, sql: tables + """
                SELECT \(list), \(Self.periodKey(query.by, "r.month")), r.first_reply - r.date FROM report_start r \(joins) WHERE \(counted.sql)
                """, arguments: counted.arguments)
            while let r = try threads.next() {
                let key = Key(list: r[0], period: r[1])
                started[key, default: 0] += 1
                if let delay: Int64 = r[2] { delays[key, default: []].append(delay) } else { unanswered[key, default: 0] += 1 }
            }
            let name = { (key: Key) in Self.periodName(query.by, key.period) ?? "" }
            let rows = order.sorted { ($0.list == nil ? 1 : 0, $0.list ?? "", name($0)) < ($1.list == nil ? 1 : 0, $1.list ?? "", name($1)) }.map { key in
                let total = messages[key] ?? 0
                let orgs = organizations[key] ?? []
                let inOrgs = affiliated[key] ?? 0
                return HealthReport.Row(
                    list: key.list, period: Self.periodName(query.by, key.period), messages: total, people: people[key]?.count ?? 0, organizations: orgs.count,
                    affiliatedShare: total > 0 ? (Double(inOrgs) / Double(total) * 10_000).rounded() / 10_000 : 0,
                    elephantFactor: HealthReport.factor(orgs, share: share, of: inOrgs),
                    contributorAbsenceFactor: HealthReport.factor(people[key] ?? [], share: share, of: total),
                    threadsStarted: started[key] ?? 0, medianFirstResponseSeconds: delays[key]?.median.map { Int($0) },
                    unansweredThreads: unanswered[key] ?? 0)
            }
            return HealthReport(rows: rows, share: share)
        }
    }
}
