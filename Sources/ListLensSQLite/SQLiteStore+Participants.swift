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

    public func creditedParticipants() throws -> [CreditedParticipant] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.id, p.key, COALESCE(p.person_id, p.id), ps.name
                FROM participant p LEFT JOIN person ps ON ps.id = COALESCE(p.person_id, p.id) ORDER BY p.id
                """).map { CreditedParticipant(id: $0[0], key: $0[1], person: $0[2], personName: $0[3]) }
        }
    }

    public func appliedAffiliationsDigest() throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT digest FROM affiliations_applied WHERE id = 1") }
    }

    public func storeCredits(_ credits: [OrganizationCredit], digest: String) throws -> Int {
        try write { db in
            // Organization names compare without case: a file's `Intel` and a period's `intel` are one.
            var ids: [String: Int64] = [:]
            let find = try db.makeStatement(sql: "SELECT id FROM organization WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1")
            let add = try db.makeStatement(sql: "INSERT INTO organization (name) VALUES (?)")
            func id(_ name: String?) throws -> Int64? {
                guard let name else { return nil }
                if let known = ids[name.lowercased()] { return known }
                let found: Int64
                if let stored = try Int64.fetchOne(find, arguments: [name]) {
                    found = stored
                } else {
                    try add.execute(arguments: [name])
                    found = db.lastInsertedRowID
                }
                ids[name.lowercased()] = found
                return found
            }
            let participant = try db.makeStatement(sql: "UPDATE participant SET organization_id = ? WHERE id = ? AND organization_id IS NOT ?")
            let all = try db.makeStatement(sql: "UPDATE message SET organization_id = ? WHERE participant_id = ? AND organization_id IS NOT ?")
            let dated = try db.makeStatement(sql: "SELECT id, date, organization_id FROM message WHERE participant_id = ?")
            let one = try db.makeStatement(sql: "UPDATE message SET organization_id = ? WHERE id = ?")
            var changed = 0
            for c in credits {
                let own = try id(c.organization)
                try participant.execute(arguments: [own, c.participant, own])
                if c.periods.isEmpty {
                    try all.execute(arguments: [own, c.participant, own])
                    changed += db.changesCount
                    continue
                }
                // Dated periods: each message by its date (a person's messages are few beside the store's).
                var updates: [(Int64, Int64?)] = []
                let rows = try Row.fetchCursor(dated, arguments: [c.participant])
                while let r = try rows.next() {
                    let wanted = try id(c.organization(at: r[1]))
                    if (r[2] as Int64?) != wanted { updates.append((r[0], wanted)) }
                }
                for (message, org) in updates { try one.execute(arguments: [org, message]) }
                changed += updates.count
            }
            // Organizations no participant or message names any more go.
            try db.execute(sql: """
                DELETE FROM organization WHERE id NOT IN (SELECT organization_id FROM message WHERE organization_id IS NOT NULL)
                    AND id NOT IN (SELECT organization_id FROM participant WHERE organization_id IS NOT NULL)
                """)
            try db.execute(sql: """
                INSERT INTO affiliations_applied (id, digest, applied_at) VALUES (1, ?, datetime('now'))
                ON CONFLICT(id) DO UPDATE SET digest = excluded.digest, applied_at = excluded.applied_at
                """, arguments: [digest])
            return changed
        }
    }
}
