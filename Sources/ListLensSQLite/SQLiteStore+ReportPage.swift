import GRDB
import ListLensIndex

/// The lighter reads the report page makes where it needs less than a whole report.
extension SQLiteStore {
    public func span(_ query: ReportQuery) throws -> (first: Int64?, last: Int64?) {
        try read { db in
            let counted = Self.reportFilter(query, byOrganization: false)
            let row = try Row.fetchOne(db, sql: """
                SELECT min(m.date), max(m.date) FROM message m LEFT JOIN participant p ON p.id = m.participant_id WHERE \(counted.sql)
                """, arguments: counted.arguments)
            return (row?[0], row?[1])
        }
    }

    public func periodMessages(_ query: ReportQuery) throws -> [PeriodMessages] {
        try read { db in
            let counted = Self.reportFilter(query, byOrganization: false)
            return try Row.fetchAll(db, sql: """
                SELECT \(Self.periodExpression(query.by, "m.date")), o.name, count(*)
                FROM message m LEFT JOIN participant p ON p.id = m.participant_id LEFT JOIN organization o ON o.id = m.organization_id
                WHERE \(counted.sql)
                GROUP BY 1, m.organization_id
                """, arguments: counted.arguments).map { PeriodMessages(period: $0[0], organization: $0[1], messages: $0[2]) }
        }
    }

    public func topPeople(_ query: ReportQuery, limit: Int) throws -> TopPeople {
        try read { db in
            let counted = Self.reportFilter(query)
            // Ordered as peopleReport orders its rows: most messages, then name, then id.
            let rows = try Row.fetchAll(db, sql: """
                WITH c AS (SELECT COALESCE(p.person_id, p.id) AS person, count(*) AS n
                           FROM message m JOIN participant p ON p.id = m.participant_id WHERE \(counted.sql) GROUP BY 1)
                SELECT c.person, ps.name, ps.key, c.n, (SELECT count(*) FROM c) FROM c LEFT JOIN person ps ON ps.id = c.person
                ORDER BY c.n DESC, ps.name, c.person LIMIT :limit
                """, arguments: counted.arguments + ["limit": limit])
            // Each one's organizations, through their own participants' messages (the participant index).
            let ids = rows.map { $0[0] as Int64 }
            var arguments = counted.arguments
            for (i, id) in ids.enumerated() { arguments += ["p\(i)": id] }
            let list = ids.indices.map { ":p\($0)" }.joined(separator: ", ")
            var organization: [Int64: String] = [:]
            if !ids.isEmpty {
                let orgs = try Row.fetchCursor(db, sql: """
                    SELECT COALESCE(p.person_id, p.id), o.name FROM message m JOIN participant p ON p.id = m.participant_id
                    JOIN organization o ON o.id = m.organization_id
                    WHERE \(counted.sql) AND m.participant_id IN (SELECT id FROM participant WHERE COALESCE(person_id, id) IN (\(list)))
                    GROUP BY 1, o.id ORDER BY 1, count(*) DESC, o.name
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
