import GRDB
import ListLensIndex

/// The lighter reads the report page makes where it needs less than a whole report.
extension SQLiteStore {
    public func periodMessages(_ query: ReportQuery) throws -> [PeriodMessages] {
        try read { db in
            let counted = Self.reportFilter(query, byOrganization: false)
            // By organization and month, as the organization index orders the rows (no sort);
            // months summed into periods here.
            var sums: [PeriodOrganization: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: try Self.reportTables(db, query) + """
                SELECT r.organization_id, r.month, sum(r.messages) FROM report_sender r WHERE \(counted.sql)
                GROUP BY r.organization_id, r.month
                """, arguments: counted.arguments)
            while let r = try rows.next() {
                sums[PeriodOrganization(period: Self.periodKey(query.by, month: r[1]), organization: r[0]), default: 0] += r[2] as Int
            }
            let names = try Self.organizationNames(db)
            return sums.map { key, n in
                PeriodMessages(period: Self.periodName(query.by, key.period), organization: key.organization.flatMap { names[$0] }, messages: n)
            }
        }
    }

    public func topPeople(_ query: ReportQuery, limit: Int) throws -> TopPeople {
        try read { db in
            let tables = try Self.reportTables(db, query)
            let counted = Self.reportFilter(query)
            // Ordered as peopleReport orders its rows: most messages, then name, then id; with how
            // many persons there are in all (a window over the grouped rows).
            let rows = try Row.fetchAll(db, sql: tables + """
                SELECT c.person, ps.name, ps.key, c.n, c.persons FROM (
                    SELECT r.person_id AS person, sum(r.messages) AS n, count(*) OVER () AS persons
                    FROM report_sender r WHERE \(counted.sql) AND r.person_id IS NOT NULL GROUP BY 1) c
                LEFT JOIN person ps ON ps.id = c.person
                ORDER BY c.n DESC, ps.name, c.person LIMIT :limit
                """, arguments: counted.arguments + ["limit": limit])
            // Each one's organizations, through their own participants' rows.
            let ids = rows.map { $0[0] as Int64 }
            var arguments = counted.arguments
            for (i, id) in ids.enumerated() { arguments += ["p\(i)": id] }
            let list = ids.indices.map { ":p\($0)" }.joined(separator: ", ")
            var organization: [Int64: String] = [:]
            if !ids.isEmpty {
                let orgs = try Row.fetchCursor(db, sql: tables + """
                    SELECT r.person_id, o.name FROM report_sender r JOIN organization o ON o.id = r.organization_id
                    WHERE \(counted.sql) AND r.person_id IN (\(list))
                    GROUP BY 1, o.id ORDER BY 1, sum(r.messages) DESC, o.name
                    """, arguments: arguments)
                while let r = try orgs.next() {
                    let person: Int64 = r[0]
                    if organization[person] == nil { organization[person] = r[1] }
                }
            }
            let top = rows.map { r in
                TopPeople.Person(personID: r[0], name: r[1], key: r[2] ?? "", messages: r[3], organization: organization[r[0] as Int64])
            }
            return TopPeople(persons: rows.first?[4] ?? 0, top: top)
        }
    }
}
