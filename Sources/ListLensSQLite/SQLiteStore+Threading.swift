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
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*) AS n, coalesce(max(id), 0) AS last, coalesce(sum(thread_id IS NULL), 0) AS pending FROM message
                """)
            return PassState.Watermark(messageCount: row?["n"] ?? 0, lastMessageKey: row?["last"] ?? 0, pending: row?["pending"] ?? 0)
        }
    }

    public func threadingSnapshot() throws -> ThreadingSnapshot {
        try read { db in try Self.snapshot(db, scope: nil, threadIDs: nil) }
    }

    public func pendingThreadingSnapshot(maxMessages: Int) throws -> ThreadingSnapshot? {
        try read { db in
            guard let (scope, threads) = try Self.pendingScope(db, maxMessages: maxMessages) else { return nil }
            return try Self.snapshot(db, scope: scope.sorted(), threadIDs: threads)
        }
    }

    /// Ids bound per `IN (…)` list: well under SQLite's 32,766 variables.
    static let chunk = 500

    static func placeholders(_ n: Int) -> String {
        Array(repeating: "?", count: n).joined(separator: ",")
    }

    /// The pending messages and every message their threading can change, with the threads those
    /// messages are in; nil when that passes `maxMessages`. Each round adds the whole threads of
    /// the messages the last round reached through references (both ways) and ghost keys.
    static func pendingScope(_ db: Database, maxMessages: Int) throws -> (Set<Int64>, Set<Int64>)? {
        var scope = Set<Int64>()
        var threads = Set<Int64>()
        var frontier = try Int64.fetchAll(db, sql: "SELECT id FROM message WHERE thread_id IS NULL")
        while !frontier.isEmpty {
            scope.formUnion(frontier)
            if scope.count > maxMessages { return nil }
            var reachedThreads = Set<Int64>()
            var reached = Set<Int64>()
            for start in stride(from: 0, to: frontier.count, by: chunk) {
                let ids = Array(frontier[start..<min(start + chunk, frontier.count)])
                let list = placeholders(ids.count)
                let args = StatementArguments(ids)
                // What they reference (an imposter is never a parent), and what references them; the
                // messages of their Outlook and Gmail conversations, and of their subject where their list threads by it.
                for row in try Row.fetchAll(db, sql: """
                    SELECT p.id, p.thread_id FROM message_ref r JOIN message p ON p.message_id = r.ref AND p.imposter_of IS NULL
                    WHERE r.message_id IN (\(list))
                    UNION
                    SELECT c.id, c.thread_id FROM message f JOIN message_ref r ON r.ref = f.message_id JOIN message c ON c.id = r.message_id
                    WHERE f.id IN (\(list))
                    UNION
                    SELECT p.id, p.thread_id FROM quote_link l JOIN message p ON p.id = l.parent WHERE l.child IN (\(list))
                    UNION
                    SELECT c.id, c.thread_id FROM quote_link l JOIN message c ON c.id = l.child WHERE l.parent IN (\(list))
                    UNION
                    SELECT c.id, c.thread_id FROM message_conversation f
                    JOIN message_conversation k ON k.kind = f.kind AND k.conversation = f.conversation JOIN message c ON c.id = k.message
                    WHERE f.message IN (\(list))
                    UNION
                    SELECT c.id, c.thread_id FROM message f JOIN list l ON l.id = f.list_id AND l.subject_threading = 1
                    JOIN message c ON c.list_id = f.list_id AND c.normalized_subject = f.normalized_subject
                    WHERE f.id IN (\(list)) AND f.normalized_subject <> ''
                    """, arguments: args + args + args + args + args + args) {
                    reached.insert(row[0])
                    if let t: Int64 = row[1] { reachedThreads.insert(t) }
                }
                // Threads keyed by their ids or first references (ghost roots they would share).
                for t in try Int64.fetchAll(db, sql: """
                    SELECT t.id FROM thread t WHERE t.key IN (
                        SELECT message_id FROM message WHERE id IN (\(list))
                        UNION SELECT ref FROM message_ref WHERE position = 0 AND message_id IN (\(list)))
                    """, arguments: args + args) {
                    reachedThreads.insert(t)
                }
            }
            let newThreads = reachedThreads.subtracting(threads)
            threads.formUnion(newThreads)
            let newThreadList = Array(newThreads)
            for start in stride(from: 0, to: newThreadList.count, by: chunk) {
                let ids = Array(newThreadList[start..<min(start + chunk, newThreadList.count)])
                reached.formUnion(try Int64.fetchAll(db, sql: "SELECT id FROM message WHERE thread_id IN (\(placeholders(ids.count)))",
                                                     arguments: StatementArguments(ids)))
            }
            frontier = Array(reached.subtracting(scope))
        }
        return (scope, threads)
    }

    /// The snapshot of the messages `scope` (sorted keys; nil for all) and the threads `threadIDs` (nil for all).
    static func snapshot(_ db: Database, scope: [Int64]?, threadIDs: Set<Int64>?) throws -> ThreadingSnapshot {
        // An imposter shares its Message-ID with the message it reuses it from: its own id, for
        // its thread's key, is the Message-ID with its content key. Replies go to the first.
        let columns = """
            SELECT m.id, CASE WHEN m.imposter_of IS NULL THEN m.message_id ELSE m.message_id || '#' || m.content_key END,
                   m.date, m.subject, m.parent_id, m.parent_method, m.parent_confidence, t.key
            FROM message m LEFT JOIN thread t ON t.id = m.thread_id
            """
        var messages: [ThreadingSnapshot.Message] = []
        func collect(_ rows: RowCursor) throws {
            while let row = try rows.next() {
                messages.append(ThreadingSnapshot.Message(
                    key: row[0], messageID: row[1], date: row[2], subject: row[3], firstReference: nil,
                    parentKey: row[4], parentMethod: row[5], parentConfidence: row[6], threadKey: row[7]))
            }
        }
        // Chunks of the scope, each in key order, in key order: the builder sees the order a full run sees.
        func eachChunk(_ body: (_ list: String, _ args: StatementArguments) throws -> Void) throws {
            guard let scope else { return try body("", []) }
            for start in stride(from: 0, to: scope.count, by: chunk) {
                let ids = Array(scope[start..<min(start + chunk, scope.count)])
                try body(placeholders(ids.count), StatementArguments(ids))
            }
        }
        func filter(_ column: String, _ list: String) -> String { scope == nil ? "" : "WHERE \(column) IN (\(list))" }

        if scope == nil { messages.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM message") ?? 0) }
        try eachChunk { list, args in
            try collect(try Row.fetchCursor(db, sql: columns + " \(filter("m.id", list)) ORDER BY m.id", arguments: args))
        }
        var index: [Int64: Int] = [:]
        index.reserveCapacity(messages.count)
        for (i, m) in messages.enumerated() { index[m.key] = i }
        try eachChunk { list, args in
            let conversations = try Row.fetchCursor(db, sql: """
                SELECT message, kind, conversation, key FROM message_conversation \(filter("message", list))
                """, arguments: args)
            while let row = try conversations.next() {
                guard let i = index[row[0]] else { continue }
                let kind: String = row[1]
                if kind == "thread-index" { messages[i].threadIndex = row[3] } else { messages[i].gmailThread = row[2] }
            }
            let subjects = try Row.fetchCursor(db, sql: """
                SELECT m.id, m.list_id, m.normalized_subject FROM message m JOIN list l ON l.id = m.list_id
                WHERE l.subject_threading = 1 AND m.normalized_subject <> '' \(scope == nil ? "" : "AND m.id IN (\(list))")
                """, arguments: args)
            while let row = try subjects.next() {
                guard let i = index[row[0]] else { continue }
                let listID: Int64 = row[1]
                let subject: String = row[2]
                messages[i].subjectGroup = "\(listID) \(subject)"
            }
        }
        var references: [ThreadingSnapshot.Reference] = []
        if scope == nil { references.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM message_ref") ?? 0) }
        try eachChunk { list, args in
            // The first id each message references: References (sorted first by kind DESC) before In-Reply-To.
            let firstRefs = try Row.fetchCursor(db, sql: """
                SELECT message_id, ref FROM message_ref WHERE position = 0 \(scope == nil ? "" : "AND message_id IN (\(list))")
                ORDER BY message_id, kind DESC
                """, arguments: args)
            while let row = try firstRefs.next() {
                if let i = index[row[0]], messages[i].firstReference == nil { messages[i].firstReference = row[1] }
            }
            let known = try Row.fetchCursor(db, sql: """
                SELECT r.message_id, r.kind, r.position, p.id FROM message_ref r
                JOIN message p ON p.message_id = r.ref AND p.imposter_of IS NULL \(filter("r.message_id", list))
                """, arguments: args)
            while let row = try known.next() {
                let kind: String = row[1]
                references.append(ThreadingSnapshot.Reference(child: row[0], parent: row[3],
                                                              kind: kind == "in-reply-to" ? .inReplyTo : .references,
                                                              position: row[2]))
            }
            // Ids Gmane rewrote (`4C24A606.5040001-l3A5Bk7waGM@public.gmane.org` for `4C24A606.5040001@suse.de`):
            // the stored message whose id has that local part, when exactly one has.
            let mangled = try Row.fetchCursor(db, sql: """
                SELECT r.message_id, r.kind, r.position, r.ref FROM message_ref r
                WHERE r.ref GLOB '*-*@public.gmane.org' \(scope == nil ? "" : "AND r.message_id IN (\(list))")
                  AND NOT EXISTS (SELECT 1 FROM message p WHERE p.message_id = r.ref)
                """, arguments: args)
            let byLocalPart = try db.makeStatement(sql: "SELECT id FROM message WHERE message_id GLOB ? AND imposter_of IS NULL LIMIT 2")
            while let row = try mangled.next() {
                let ref: String = row[3]
                guard let local = Self.gmaneLocalPart(ref) else { continue }
                let ids = try Int64.fetchAll(byLocalPart, arguments: [Self.globEscaped(local) + "@*"])
                guard ids.count == 1 else { continue }
                let kind: String = row[1]
                references.append(ThreadingSnapshot.Reference(child: row[0], parent: ids[0], kind: kind == "in-reply-to" ? .inReplyTo : .references,
                                                              position: row[2]))
            }
            // Parents found from quoted text, best first.
            let quoted = try Row.fetchCursor(db, sql: """
                SELECT child, parent, confidence, method FROM quote_link \(filter("child", list)) ORDER BY child, confidence DESC, parent
                """, arguments: args)
            var rank: (child: Int64, position: Int) = (-1, 0)
            while let row = try quoted.next() {
                let child: Int64 = row[0]
                rank = rank.child == child ? (child, rank.position + 1) : (child, 0)
                let method: String = row[3]
                references.append(ThreadingSnapshot.Reference(child: child, parent: row[1], kind: method == "attribution" ? .attribution : .quote,
                                                              position: rank.position, confidence: row[2]))
            }
        }
        var threads: [ThreadingChanges.Thread] = []
        let threadColumns = "SELECT key, root_id, subject, message_count, first_date, last_date FROM thread"
        func thread(_ r: Row) -> ThreadingChanges.Thread {
            ThreadingChanges.Thread(key: r[0], rootKey: r[1], subject: r[2], messageCount: r[3], firstDate: r[4], lastDate: r[5])
        }
        if let threadIDs {
            let ids = Array(threadIDs)
            for start in stride(from: 0, to: ids.count, by: chunk) {
                let part = Array(ids[start..<min(start + chunk, ids.count)])
                threads += try Row.fetchAll(db, sql: threadColumns + " WHERE id IN (\(placeholders(part.count)))",
                                            arguments: StatementArguments(part)).map(thread)
            }
        } else {
            threads = try Row.fetchAll(db, sql: threadColumns).map(thread)
        }
        return ThreadingSnapshot(messages: messages, references: references, threads: threads)
    }

    /// The local part Gmane kept of a rewritten id: `4C24A606.5040001` of
    /// `4C24A606.5040001-l3A5Bk7waGM@public.gmane.org`; nil for any other id.
    static func gmaneLocalPart(_ id: String) -> String? {
        guard id.hasSuffix("@public.gmane.org"), let at = id.lastIndex(of: "@") else { return nil }
        let local = id[..<at]
        guard let dash = local.lastIndex(of: "-"), local.distance(from: dash, to: local.endIndex) >= 6 else { return nil }
        let kept = local[..<dash]
        return kept.isEmpty ? nil : String(kept)
    }

    /// `s` with GLOB's special characters matched literally.
    static func globEscaped(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "*", "?", "[": out += "[\(c)]"
            default: out.append(c)
            }
        }
        return out
    }

    public func applyThreading(_ changes: ThreadingChanges, state: PassState) throws {
        try write { db in
            let upsert = try db.makeStatement(sql: """
                INSERT INTO thread (key, root_id, subject, message_count, first_date, last_date) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET root_id = excluded.root_id, subject = excluded.subject,
                    message_count = excluded.message_count, first_date = excluded.first_date, last_date = excluded.last_date,
                    topics_version = 0
                """)
            for t in changes.upsertedThreads {
                try upsert.execute(arguments: [t.key, t.rootKey, t.subject, t.messageCount, t.firstDate, t.lastDate])
            }
            let threadID = try db.makeStatement(sql: "SELECT id FROM thread WHERE key = ?")
            var ids: [String: Int64] = [:]
            let update = try db.makeStatement(sql: """
                UPDATE message SET parent_id = ?, parent_method = ?, parent_confidence = ?, thread_id = ? WHERE id = ?
                """)
            // A new parent, or one gone, changes what the message's quotes are found in.
            let reattribute = try db.makeStatement(sql: """
                DELETE FROM message_quote_pass WHERE message = ?1 AND EXISTS (SELECT 1 FROM message WHERE id = ?1 AND parent_id IS NOT ?2)
                """)
            for link in changes.links {
                let id = try ids[link.threadKey] ?? Int64.fetchOne(threadID, arguments: [link.threadKey])
                ids[link.threadKey] = id
                try reattribute.execute(arguments: [link.messageKey, link.parentKey])
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
