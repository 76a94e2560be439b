import Foundation
import GRDB
import ListLensAnalysis
import ListLensIndex
import ListLensMail

extension SQLiteStore {
    /// The most persons a report asked for its first few chooses by name in its statements; a
    /// larger `first` builds every row and keeps the first.
    static let chosenPersonsLimit = 500

    public func peopleReport(_ query: ReportQuery, first: Int?) throws -> PeopleReport {
        try read { db in
            // Each figure summed from the report tables per person (a participant's person, or the
            // participant itself), and the persons each answers (an automated sender's messages
            // only when bots count). Grouped by person first, so SQLite reads the tables' person
            // indexes in order rather than sorting their rows.
            let tables = try Self.reportTables(db, query)
            var filter = Self.reportFilter(query)
            var known = "r.person_id IS NOT NULL"   // a sender with an address
            var answering = ""
            var total: Int? = nil   // every person counted, when only the first few are built
            if let first, first > 0, first <= Self.chosenPersonsLimit {
                // The first few persons as the rows are ordered below (most messages, then name as
                // SQLite orders text, then id), and how many there are; then only their figures.
                let top = try Row.fetchAll(db, sql: tables + """
                    SELECT c.person, c.persons FROM (
                        SELECT r.person_id AS person, sum(r.messages) AS n, count(*) OVER () AS persons
                        FROM report_sender r WHERE \(filter.sql) AND \(known) GROUP BY r.person_id) c
                    LEFT JOIN person ps ON ps.id = c.person
                    ORDER BY c.n DESC, ps.name, c.person LIMIT :first
                    """, arguments: filter.arguments + ["first": first])
                total = top.first?[1] ?? 0
                for (i, r) in top.enumerated() { filter.arguments += ["chosen\(i)": r[0] as Int64] }
                let chosen = top.indices.map { ":chosen\($0)" }.joined(separator: ", ")
                known = "r.person_id IN (\(chosen))"
                answering = " AND (r.person_id IN (\(chosen)) OR r.parent_person_id IN (\(chosen)))"
            }
            var people: [Int64: PersonTotals] = [:]
            let sent = try Row.fetchCursor(db, sql: tables + """
                SELECT r.person_id, r.participant_id, r.organization_id, sum(r.messages), sum(r.words), min(r.first_date), max(r.last_date)
                FROM report_sender r WHERE \(filter.sql) AND \(known) GROUP BY r.person_id, r.participant_id, r.organization_id
                """, arguments: filter.arguments)
            while let r = try sent.next() {
                people[r[0], default: PersonTotals()].add(participant: r[1], organization: r[2], messages: r[3], words: r[4] ?? 0,
                                                          first: r[5], last: r[6])
            }
            let threads = try Row.fetchCursor(db, sql: tables + """
                SELECT r.person_id, sum(r.started), count(DISTINCT r.thread_id) FROM report_thread r
                WHERE \(filter.sql) AND \(known) GROUP BY r.person_id
                """, arguments: filter.arguments)
            while let r = try threads.next() {
                people[r[0]]?.started = r[1]   // a thread's one root message is its one row with `started`
                people[r[0]]?.threads = r[2]
            }
            let replies = try Row.fetchCursor(db, sql: tables + """
                SELECT r.person_id, r.parent_person_id, sum(r.replies) FROM report_person_reply r
                WHERE \(filter.sql) AND (:bots OR r.parent_automated = 0)\(answering) GROUP BY r.person_id, r.parent_person_id
                """, arguments: filter.arguments)
            // Whom each answers most and who answers them most (never themselves): most replies,
            // then the lower person id.
            var answers: [Int64: (person: Int64, replies: Int)] = [:], answeredBy: [Int64: (person: Int64, replies: Int)] = [:]
            func better(_ n: Int, _ id: Int64, than best: (person: Int64, replies: Int)?) -> Bool {
                best.map { n > $0.replies || (n == $0.replies && id < $0.person) } ?? true
            }
            while let r = try replies.next() {
                let from: Int64 = r[0], to: Int64 = r[1], n: Int = r[2]
                if better(n, to, than: answers[from]) { answers[from] = (to, n) }
                if better(n, from, than: answeredBy[to]) { answeredBy[to] = (from, n) }
            }
            // Names of the persons in the rows and of their partners: looked up one by one for a few
            // rows, all read at once otherwise.
            var persons: [Int64: (name: String?, key: String)] = [:]
            if people.count <= Self.chosenPersonsLimit {
                let named = Set(people.keys).union(people.keys.flatMap { [answers[$0]?.person, answeredBy[$0]?.person].compactMap { $0 } })
                let lookup = try db.cachedStatement(sql: "SELECT name, key FROM person WHERE id = ?")
                for id in named {
                    if let r = try Row.fetchOne(lookup, arguments: [id]) { persons[id] = (r[0], r[1] ?? "") }
                }
            } else {
                for r in try Row.fetchAll(db, sql: "SELECT id, name, key FROM person") { persons[r[0]] = (r[1], r[2] ?? "") }
            }
            let organizations = try Self.organizationNames(db)

            let partner = { (p: (person: Int64, replies: Int)?) in
                p.map { PeopleReport.Partner(personID: $0.person, name: persons[$0.person]?.name, replies: $0.replies) }
            }
            let day = { (t: Int64?) in t.map { MailDate(epochSeconds: $0).rfc3339 } }
            var result = people.map { id, t -> PeopleReport.Row in
                let uses = t.organizations.compactMap { org, use in organizations[org].map { (name: $0, use: use) } }
                let periods = uses.map { PeopleReport.OrganizationPeriod(organization: $0.name, messages: $0.use.messages,
                                                                         firstMessage: day($0.use.first), lastMessage: day($0.use.last)) }
                return PeopleReport.Row(
                    personID: id, name: persons[id]?.name, key: persons[id]?.key ?? "", addresses: t.participants.count, messages: t.messages,
                    words: t.words, threadsStarted: t.started, threadsJoined: t.threads,
                    organizations: uses.sorted { $0.use.messages != $1.use.messages ? $0.use.messages > $1.use.messages : Self.precedes($0.name, $1.name) }
                        .map(\.name),
                    organizationPeriods: periods.sorted { ($0.firstMessage ?? "", $0.organization) < ($1.firstMessage ?? "", $1.organization) },
                    firstMessage: day(t.first), lastMessage: day(t.last), answersMost: partner(answers[id]), answeredMostBy: partner(answeredBy[id]))
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
            let counted = total ?? result.count
            if let first, first > 0 { result = Array(result.prefix(first)) }
            guard !query.includingAutomated else { return PeopleReport(rows: result, persons: counted) }
            return PeopleReport(rows: result, persons: counted, leftOut: try self.leftOut(db, query, byOrganization: true))
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
