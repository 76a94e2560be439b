import GRDB
import ListLensAnalysis
import ListLensIndex

extension SQLiteStore {
    public func participantSenders(after: Int64, limit: Int) throws -> [ParticipantSender] {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, key, name, automated FROM participant WHERE id > ? ORDER BY id LIMIT ?
                """, arguments: [after, limit])
            var out: [ParticipantSender] = []
            while let row = try rows.next() {
                out.append(ParticipantSender(key: row[0], address: row[1], name: row[2],
                                             automated: (row[3] as String?).flatMap(AutomatedSender.Reason.init(rawValue:))))
            }
            return out
        }
    }

    public func listNames() throws -> [String] {
        try read { try String.fetchAll($0, sql: "SELECT name FROM list ORDER BY name") }
    }

    public func storeAutomatedSenders(_ changes: [(participant: Int64, reason: AutomatedSender.Reason?)]) throws {
        try write { db in
            let update = try db.makeStatement(sql: "UPDATE participant SET automated = ? WHERE id = ?")
            for c in changes { try update.execute(arguments: [c.reason?.rawValue, c.participant]) }
        }
    }

    public func automatedSenderMessages() throws -> [(address: String, reason: AutomatedSender.Reason, messages: Int)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.key, p.automated, count(m.id) FROM participant p LEFT JOIN message m ON m.participant_id = p.id
                WHERE p.automated IS NOT NULL GROUP BY p.id ORDER BY 3 DESC, p.key
                """).compactMap { row in
                guard let reason = AutomatedSender.Reason(rawValue: row[1]) else { return nil }
                return (row[0], reason, row[2])
            }
        }
    }

    public func storedIdentities() throws -> [StoredIdentity] {
        try read { db in
            var names: [Int64: [IdentityMerger.NameUse]] = [:]
            var counts: [Int64: Int] = [:]
            let uses = try Row.fetchCursor(db, sql: """
                SELECT participant_id, from_name, count(*) FROM message WHERE participant_id IS NOT NULL
                GROUP BY participant_id, from_name
                """)
            while let row = try uses.next() {
                let id: Int64 = row[0]
                let n: Int = row[2]
                counts[id, default: 0] += n
                if let name: String = row[1], !name.isEmpty { names[id, default: []].append(.init(name: name, messages: n)) }
            }
            var out: [StoredIdentity] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, key, automated, person_id, joined_to, join_rule, join_evidence FROM participant ORDER BY id
                """)
            while let row = try rows.next() {
                let id: Int64 = row[0]
                let sender = IdentityMerger.Sender(
                    id: id, address: row[1], messages: counts[id] ?? 0, names: names[id] ?? [],
                    automated: (row[2] as String?).flatMap(AutomatedSender.Reason.init(rawValue:)))
                let member = (row[3] as Int64?).map {
                    IdentityMerger.Member(person: $0, joinedTo: row[4], rule: (row[5] as String?).flatMap(IdentityRule.init(rawValue:)),
                                          evidence: row[6])
                }
                out.append(StoredIdentity(sender: sender, member: member))
            }
            return out
        }
    }

    public func storedPersons() throws -> [StoredPerson] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, key, name FROM person ORDER BY id").map {
                StoredPerson(id: $0[0], key: $0[1], name: $0[2])
            }
        }
    }

    public func storePersons(members: [Int64: IdentityMerger.Member], persons: [StoredPerson], removing: [Int64]) throws {
        try write { db in
            let join = try db.makeStatement(sql: """
                UPDATE participant SET person_id = ?, joined_to = ?, join_rule = ?, join_evidence = ? WHERE id = ?
                """)
            for (id, m) in members.sorted(by: { $0.key < $1.key }) {
                try join.execute(arguments: [m.person, m.joinedTo, m.rule?.rawValue, m.evidence, id])
            }
            let remove = try db.makeStatement(sql: "DELETE FROM person WHERE id = ?")
            for id in removing { try remove.execute(arguments: [id]) }
            let upsert = try db.makeStatement(sql: """
                INSERT INTO person (id, key, name) VALUES (?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET key = excluded.key, name = excluded.name
                """)
            for p in persons { try upsert.execute(arguments: [p.id, p.key, p.name]) }
        }
    }

    public func participantOrganizations() throws -> [(id: Int64, key: String, organization: String?)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.id, p.key, o.name FROM participant p LEFT JOIN organization o ON o.id = p.organization_id ORDER BY p.id
                """).map { ($0[0], $0[1], $0[2]) }
        }
    }

    public func storeOrganizations(_ changes: [(participant: Int64, organization: String?)]) throws -> Int {
        try write { db in
            var ids: [String: Int64] = [:]
            let find = try db.makeStatement(sql: "SELECT id FROM organization WHERE name = ?")
            let add = try db.makeStatement(sql: "INSERT INTO organization (name) VALUES (?)")
            let participant = try db.makeStatement(sql: "UPDATE participant SET organization_id = ? WHERE id = ?")
            let messages = try db.makeStatement(sql: "UPDATE message SET organization_id = ? WHERE participant_id = ?")
            var changed = 0
            for c in changes {
                var id: Int64? = nil
                if let name = c.organization {
                    let stored = try ids[name] ?? Int64.fetchOne(find, arguments: [name])
                    if let known = stored {
                        id = known
                    } else {
                        try add.execute(arguments: [name])
                        id = db.lastInsertedRowID
                    }
                    ids[name] = id
                }
                try participant.execute(arguments: [id, c.participant])
                try messages.execute(arguments: [id, c.participant])
                changed += db.changesCount
            }
            // Organizations no participant or message names any more go.
            try db.execute(sql: """
                DELETE FROM organization WHERE id NOT IN (SELECT organization_id FROM message WHERE organization_id IS NOT NULL)
                    AND id NOT IN (SELECT organization_id FROM participant WHERE organization_id IS NOT NULL)
                """)
            return changed
        }
    }
}
