import Foundation
import GRDB
import ListLensAnalysis
import ListLensIndex
import ListLensMail

extension SQLiteStore {
    public func peopleReport(_ query: ReportQuery) throws -> PeopleReport {
        try read { db in
            // One pass over the counted messages, each with its person, whether it started its
            // thread, and the person it answers (an automated sender's message only when bots
            // count): every figure is summed from it, rather than each by a scan of its own.
            let filter = Self.reportFilter(query)
            var people: [Int64: PersonTotals] = [:]
            var pairs: [PersonPair: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT COALESCE(p.person_id, p.id), m.participant_id, m.thread_id, t.root_id = m.id, m.date, m.authored_words,
                       m.organization_id, CASE WHEN :bots OR pp.automated IS NULL THEN COALESCE(pp.person_id, pp.id) END
                FROM message m JOIN participant p ON p.id = m.participant_id JOIN thread t ON t.id = m.thread_id
                LEFT JOIN message parent ON parent.id = m.parent_id LEFT JOIN participant pp ON pp.id = parent.participant_id
                WHERE \(filter.sql)
                """, arguments: filter.arguments)
            while let r = try rows.next() {
                let person: Int64 = r[0]
                let date: Int64? = r[4]
                people[person, default: PersonTotals()].add(participant: r[1], thread: r[2], started: r[3], date: date,
                                                            words: r[5] ?? 0, organization: r[6])
                if let to: Int64 = r[7], to != person { pairs[PersonPair(from: person, to: to), default: 0] += 1 }
            }
            var persons: [Int64: (name: String?, key: String)] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT id, name, key FROM person") { persons[r[0]] = (r[1], r[2] ?? "") }
            var organizations: [Int64: String] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT id, name FROM organization") { organizations[r[0]] = r[1] }

            // Whom each answers most and who answers them most: most replies, then the lower person id.
            var answers: [Int64: PeopleReport.Partner] = [:], answeredBy: [Int64: PeopleReport.Partner] = [:]
            for (pair, n) in pairs {
                if answers[pair.from].map({ n > $0.replies || (n == $0.replies && pair.to < $0.personID) }) ?? true {
                    answers[pair.from] = .init(personID: pair.to, name: persons[pair.to]?.name, replies: n)
                }
                if answeredBy[pair.to].map({ n > $0.replies || (n == $0.replies && pair.from < $0.personID) }) ?? true {
                    answeredBy[pair.to] = .init(personID: pair.from, name: persons[pair.from]?.name, replies: n)
                }
            }
            let day = { (t: Int64?) in t.map { MailDate(epochSeconds: $0).rfc3339 } }
            var result = people.map { id, t -> PeopleReport.Row in
                let uses = t.organizations.compactMap { org, use in organizations[org].map { (name: $0, use: use) } }
                let periods = uses.map { PeopleReport.OrganizationPeriod(organization: $0.name, messages: $0.use.messages,
                                                                         firstMessage: day($0.use.first), lastMessage: day($0.use.last)) }
                return PeopleReport.Row(
                    personID: id, name: persons[id]?.name, key: persons[id]?.key ?? "", addresses: t.participants.count, messages: t.messages,
                    words: t.words, threadsStarted: t.started, threadsJoined: t.threads.count,
                    organizations: uses.sorted { $0.use.messages != $1.use.messages ? $0.use.messages > $1.use.messages : Self.precedes($0.name, $1.name) }
                        .map(\.name),
                    organizationPeriods: periods.sorted { ($0.firstMessage ?? "", $0.organization) < ($1.firstMessage ?? "", $1.organization) },
                    firstMessage: day(t.first), lastMessage: day(t.last), answersMost: answers[id], answeredMostBy: answeredBy[id])
            }
            // Most messages first, then by name as SQLite orders text (no name first), then by id.
            result.sort { a, b in
                if a.messages != b.messages { return a.messages > b.messages }
                switch (a.name, b.name) {
                case (nil, nil): break
                case (nil, _): return true
                case (_, nil): return false
                case (let x?, let y?) where x != y: return Self.precedes(x, y)
                default: break
                }
                return a.personID < b.personID
            }
            guard !query.includingAutomated else { return PeopleReport(rows: result) }
            return PeopleReport(rows: result, leftOut: try self.leftOut(db, query, byOrganization: true))
        }
    }

    /// Whether `a` sorts before `b` as SQLite's BINARY collation orders text: by UTF-8 bytes.
    static func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

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
