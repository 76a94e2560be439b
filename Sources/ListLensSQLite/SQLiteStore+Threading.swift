import GRDB
import ListLensIndex

extension SQLiteStore {
    public func passState(named name: String) throws -> PassState? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT version, message_count, last_message_id FROM pass_run WHERE name = ?",
                             arguments: [name]).map { row in
                PassState(name: name, version: row["version"],
                          watermark: .init(messageCount: row["message_count"], lastMessageKey: row["last_message_id"]))
            }
        }
    }

    public func messageWatermark() throws -> PassState.Watermark {
        try read { db in
            let row = try Row.fetchOne(db, sql: "SELECT count(*) AS n, coalesce(max(id), 0) AS last FROM message")
            return PassState.Watermark(messageCount: row?["n"] ?? 0, lastMessageKey: row?["last"] ?? 0)
        }
    }

    public func threadingSnapshot() throws -> ThreadingSnapshot {
        try read { db in
            // An imposter shares its Message-ID with the message it reuses it from: its own id, for
            // its thread's key, is the Message-ID with its content key. Replies go to the first.
            var messages: [ThreadingSnapshot.Message] = []
            messages.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM message") ?? 0)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT m.id, CASE WHEN m.imposter_of IS NULL THEN m.message_id ELSE m.message_id || '#' || m.content_key END, m.date, m.subject, m.parent_id, m.parent_method, m.parent_confidence, t.key
                FROM message m LEFT JOIN thread t ON t.id = m.thread_id ORDER BY m.id
                """)
            while let row = try rows.next() {
                messages.append(ThreadingSnapshot.Message(
                    key: row[0], messageID: row[1], date: row[2], subject: row[3], firstReference: nil,
                    parentKey: row[4], parentMethod: row[5], parentConfidence: row[6], threadKey: row[7]))
            }
            var index: [Int64: Int] = [:]
            index.reserveCapacity(messages.count)
            for (i, m) in messages.enumerated() { index[m.key] = i }
            // The first id each message references: References (sorted first by kind DESC) before In-Reply-To.
            let firstRefs = try Row.fetchCursor(db, sql: """
                SELECT message_id, ref FROM message_ref WHERE position = 0 ORDER BY message_id, kind DESC
                """)
            while let row = try firstRefs.next() {
                if let i = index[row[0]], messages[i].firstReference == nil { messages[i].firstReference = row[1] }
            }
            var references: [ThreadingSnapshot.Reference] = []
            references.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM message_ref") ?? 0)
            let known = try Row.fetchCursor(db, sql: """
                SELECT r.message_id, r.kind, r.position, p.id FROM message_ref r JOIN message p ON p.message_id = r.ref AND p.imposter_of IS NULL
                """)
            while let row = try known.next() {
                let kind: String = row[1]
                references.append(ThreadingSnapshot.Reference(child: row[0], parent: row[3],
                                                              kind: kind == "in-reply-to" ? .inReplyTo : .references,
                                                              position: row[2]))
            }
            let threads = try Row.fetchAll(db, sql: """
                SELECT key, root_id, subject, message_count, first_date, last_date FROM thread
                """).map { r in
                ThreadingChanges.Thread(key: r[0], rootKey: r[1], subject: r[2], messageCount: r[3], firstDate: r[4], lastDate: r[5])
            }
            return ThreadingSnapshot(messages: messages, references: references, threads: threads)
        }
    }

    public func applyThreading(_ changes: ThreadingChanges, state: PassState) throws {
        try write { db in
            let upsert = try db.makeStatement(sql: """
                INSERT INTO thread (key, root_id, subject, message_count, first_date, last_date) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET root_id = excluded.root_id, subject = excluded.subject,
                    message_count = excluded.message_count, first_date = excluded.first_date, last_date = excluded.last_date
                """)
            for t in changes.upsertedThreads {
                try upsert.execute(arguments: [t.key, t.rootKey, t.subject, t.messageCount, t.firstDate, t.lastDate])
            }
            let threadID = try db.makeStatement(sql: "SELECT id FROM thread WHERE key = ?")
            var ids: [String: Int64] = [:]
            let update = try db.makeStatement(sql: """
                UPDATE message SET parent_id = ?, parent_method = ?, parent_confidence = ?, thread_id = ? WHERE id = ?
                """)
            for link in changes.links {
                let id = try ids[link.threadKey] ?? Int64.fetchOne(threadID, arguments: [link.threadKey])
                ids[link.threadKey] = id
                try update.execute(arguments: [link.parentKey, link.method, link.confidence, id, link.messageKey])
            }
            // Last: no message points at these any more (thread_id is a foreign key).
            let remove = try db.makeStatement(sql: "DELETE FROM thread WHERE key = ?")
            for key in changes.removedThreads { try remove.execute(arguments: [key]) }
            try db.execute(sql: """
                INSERT INTO pass_run (name, version, message_count, last_message_id, ran_at) VALUES (?, ?, ?, ?, datetime('now'))
                ON CONFLICT(name) DO UPDATE SET version = excluded.version, message_count = excluded.message_count,
                    last_message_id = excluded.last_message_id, ran_at = excluded.ran_at
                """, arguments: [state.name, state.version, state.watermark.messageCount, state.watermark.lastMessageKey])
        }
    }
}
