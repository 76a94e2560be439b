import Foundation
import GRDB
import ListLensAnalysis
import ListLensIndex
import ListLensMail

extension SQLiteStore {
    public func peopleReport(_ query: ReportQuery) throws -> PeopleReport {
        try read { db in
            // The counted messages, each with its person: one filter for every figure below.
            let filter = Self.reportFilter(query)
            let counted = """
                SELECT m.id, m.date, m.thread_id, m.parent_id, m.participant_id, m.organization_id, m.authored_words,
                       COALESCE(p.person_id, p.id) AS person
                FROM message m JOIN participant p ON p.id = m.participant_id
                WHERE \(filter.sql)
                """
            let arguments = filter.arguments
            var rows: [Int64: PeopleReport.Row] = [:]
            var order: [Int64] = []
            let people = try Row.fetchCursor(db, sql: """
                WITH c AS (\(counted))
                SELECT c.person, ps.name, ps.key, count(DISTINCT c.participant_id), count(*),
                       sum(CASE WHEN t.root_id = c.id THEN 1 ELSE 0 END), count(DISTINCT c.thread_id), min(c.date), max(c.date),
                       sum(c.authored_words)
                FROM c JOIN thread t ON t.id = c.thread_id LEFT JOIN person ps ON ps.id = c.person
                GROUP BY c.person ORDER BY 5 DESC, ps.name, c.person
                """, arguments: arguments)
            while let r = try people.next() {
                let id: Int64 = r[0]
                order.append(id)
                rows[id] = PeopleReport.Row(
                    personID: id, name: r[1], key: r[2] ?? "", addresses: r[3], messages: r[4], words: r[9] ?? 0, threadsStarted: r[5],
                    threadsJoined: r[6], organizations: [],
                    firstMessage: (r[7] as Int64?).map { MailDate(epochSeconds: $0).rfc3339 },
                    lastMessage: (r[8] as Int64?).map { MailDate(epochSeconds: $0).rfc3339 })
            }
            let orgs = try Row.fetchCursor(db, sql: """
                WITH c AS (\(counted))
                SELECT c.person, o.name, count(*), min(c.date), max(c.date) FROM c JOIN organization o ON o.id = c.organization_id
                GROUP BY c.person, o.id ORDER BY c.person, 3 DESC, o.name
                """, arguments: arguments)
            while let r = try orgs.next() {
                rows[r[0]]?.organizations.append(r[1])
                rows[r[0]]?.organizationPeriods.append(.init(
                    organization: r[1], messages: r[2], firstMessage: (r[3] as Int64?).map { MailDate(epochSeconds: $0).rfc3339 },
                    lastMessage: (r[4] as Int64?).map { MailDate(epochSeconds: $0).rfc3339 }))
            }
            for id in order { rows[id]?.organizationPeriods.sort { ($0.firstMessage ?? "", $0.organization) < ($1.firstMessage ?? "", $1.organization) } }
            // Replies between persons: the counted message's person and its parent's (any parent,
            // counted or not, automated senders excepted), themselves left out.
            var answers: [Int64: PeopleReport.Partner] = [:]
            var answeredBy: [Int64: PeopleReport.Partner] = [:]
            let pairs = try Row.fetchCursor(db, sql: """
                WITH c AS (\(counted))
                SELECT c.person, COALESCE(pp.person_id, pp.id) AS to_person, count(*)
                FROM c JOIN message parent ON parent.id = c.parent_id JOIN participant pp ON pp.id = parent.participant_id
                WHERE (:bots OR pp.automated IS NULL) AND COALESCE(pp.person_id, pp.id) != c.person
                GROUP BY 1, 2
                """, arguments: arguments)
            var names: [Int64: String?] = [:]
            func name(_ id: Int64) throws -> String? {
                if let n = names[id] { return n }
                let n = try String.fetchOne(db, sql: "SELECT name FROM person WHERE id = ?", arguments: [id])
                names[id] = n
                return n
            }
            var pairList: [(from: Int64, to: Int64, n: Int)] = []
            while let r = try pairs.next() { pairList.append((r[0], r[1], r[2])) }
            for p in pairList {
                if answers[p.from].map({ p.n > $0.replies || (p.n == $0.replies && p.to < $0.personID) }) ?? true {
                    answers[p.from] = .init(personID: p.to, name: try name(p.to), replies: p.n)
                }
                if answeredBy[p.to].map({ p.n > $0.replies || (p.n == $0.replies && p.from < $0.personID) }) ?? true {
                    answeredBy[p.to] = .init(personID: p.from, name: try name(p.from), replies: p.n)
                }
            }
            let result = order.compactMap { id -> PeopleReport.Row? in
                guard var row = rows[id] else { return nil }
                row.answersMost = answers[id]
                row.answeredMostBy = answeredBy[id]
                return row
            }
            guard !query.includingAutomated else { return PeopleReport(rows: result) }
            return PeopleReport(rows: result, leftOut: try self.leftOut(db, query, byOrganization: true))
        }
    }

    public func explainPerson(_ text: String) throws -> [PersonExplanation] {
        try read { db in
            let needle = text.trimmingCharacters(in: .whitespaces)
            var persons: [Int64] = []
            if let id = Int64(needle) {
                persons = try Int64.fetchAll(db, sql: "SELECT DISTINCT COALESCE(person_id, id) FROM participant WHERE COALESCE(person_id, id) = ?", arguments: [id])
            }
            if persons.isEmpty {
                let address = Identity.participantKey(address: needle.trimmingCharacters(in: CharacterSet(charactersIn: "<>")))
                persons = try Int64.fetchAll(db, sql: "SELECT DISTINCT COALESCE(person_id, id) FROM participant WHERE key = ?", arguments: [address])
            }
            if persons.isEmpty {
                // A name: any name an address used, folded as the identity rules fold it.
                let wanted = PersonName.key(needle) ?? needle.lowercased()
                var found = Set<Int64>()
                let uses = try Row.fetchCursor(db, sql: """
                    SELECT DISTINCT COALESCE(p.person_id, p.id), m.from_name FROM message m JOIN participant p ON p.id = m.participant_id
                    WHERE m.from_name IS NOT NULL
                    """)
                while let r = try uses.next() {
                    let name: String = r[1]
                    if (PersonName.key(name) ?? name.lowercased()) == wanted { found.insert(r[0]) }
                }
                persons = found.sorted()
            }
            return try persons.map { try explanation(db, person: $0) }
        }
    }

    private func explanation(_ db: Database, person: Int64) throws -> PersonExplanation {
        let head = try Row.fetchOne(db, sql: "SELECT key, name FROM person WHERE id = ?", arguments: [person])
        var addresses: [Int64: PersonExplanation.Address] = [:]
        var joinedTo: [Int64: Int64] = [:]
        var joined: [Int64: [Int64]] = [:]
        let members = try Row.fetchAll(db, sql: """
            SELECT p.id, p.key, p.automated, p.joined_to, p.join_rule, p.join_evidence, o.name,
                   count(m.id), min(m.date), max(m.date)
            FROM participant p LEFT JOIN organization o ON o.id = p.organization_id
            LEFT JOIN message m ON m.participant_id = p.id AND m.thread_id IS NOT NULL
            WHERE COALESCE(p.person_id, p.id) = ? GROUP BY p.id ORDER BY p.id
            """, arguments: [person])
        for r in members {
            let id: Int64 = r[0]
            if let to: Int64 = r[3] {
                joinedTo[id] = to
                joined[to, default: []].append(id)
            }
            addresses[id] = PersonExplanation.Address(
                address: r[1], messages: r[7],
                firstMessage: (r[8] as Int64?).map { MailDate(epochSeconds: $0).rfc3339 },
                lastMessage: (r[9] as Int64?).map { MailDate(epochSeconds: $0).rfc3339 },
                names: [], organization: r[6], automated: r[2], joinedTo: nil, rule: r[4], evidence: r[5])
        }
        for (id, to) in joinedTo {
            let target = addresses[to]?.address
            addresses[id]?.joinedTo = target
        }
        let names = try Row.fetchCursor(db, sql: """
            SELECT m.participant_id, m.from_name, count(*) FROM message m JOIN participant p ON p.id = m.participant_id
            WHERE COALESCE(p.person_id, p.id) = ? AND m.from_name IS NOT NULL AND m.thread_id IS NOT NULL
            GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2
            """, arguments: [person])
        while let r = try names.next() { addresses[r[0]]?.names.append(.init(name: r[1], messages: r[2])) }
        // The first address, then each joined one after the address it joined (breadth first).
        var ordered: [PersonExplanation.Address] = []
        var queue: [Int64] = members.map { $0[0] as Int64 }.filter { joinedTo[$0] == nil }
        var next = 0
        while next < queue.count {
            let id = queue[next]
            next += 1
            if let a = addresses[id] { ordered.append(a) }
            queue += joined[id] ?? []
        }
        return PersonExplanation(personID: person, name: head?["name"], key: head?["key"] ?? ordered.first?.address ?? "",
                                 messages: ordered.reduce(0) { $0 + $1.messages }, addresses: ordered)
    }
}
