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
}
