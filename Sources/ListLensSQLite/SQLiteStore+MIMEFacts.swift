import GRDB
import ListLensIndex

extension SQLiteStore {
    public func messagesWithoutMIMEFacts() throws -> [PendingMIMEFacts] {
        try read { db in
            // `message_mime_pending` names them; empty once the pass has run.
            let rows = try Row.fetchCursor(db, sql: """
                SELECT s.path, m.id, m.offset, m.length FROM message m JOIN source s ON s.id = m.source_id
                WHERE m.mime_facts IS NULL ORDER BY s.path, m.offset
                """)
            var pending: [PendingMIMEFacts] = []
            while let row = try rows.next() {
                let path: String = row[0]
                let message = PendingMIMEFacts.Message(key: row[1], offset: row[2], length: row[3])
                if pending.last?.path == path { pending[pending.count - 1].messages.append(message) } else {
                    pending.append(PendingMIMEFacts(path: path, messages: [message]))
                }
            }
            return pending
        }
    }

    public func storeMIMEFacts(_ facts: [(key: Int64, facts: Int)]) throws {
        guard !facts.isEmpty else { return }
        try write { db in
            let update = try db.cachedStatement(sql: "UPDATE message SET mime_facts = ? WHERE id = ? AND mime_facts IS NULL")
            for f in facts { try update.execute(arguments: [f.facts, f.key]) }
        }
    }
}
