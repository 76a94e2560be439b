import GRDB
import ListLensIndex
import ListLensMail

extension SQLiteStore {
    /// FTS5 with bm25 ranking when the query has text; newest first otherwise.
    public func search(_ query: QueryNode, limit: Int) throws -> [SearchHit] {
        let compiled = try FTS5QueryCompiler().compile(query)
        var arguments = compiled.arguments
        // Published messages only: those a thread holds (ThreadingStore).
        let where_ = (["m.thread_id IS NOT NULL"] + compiled.conditions).joined(separator: " AND ")
        let sql: String
        if let match = compiled.match {
            // bm25 weights: subject counts 5×, authored text 1×, quoted text 0.5×.
            sql = """
                SELECT m.message_id, m.date, m.from_name, m.from_address, m.subject, t.key AS thread_key,
                       snippet(message_fts, -1, '[', ']', '…', 12) AS snippet,
                       bm25(message_fts, 5.0, 1.0, 0.5) AS rank
                FROM message_fts JOIN message m ON m.id = message_fts.rowid
                JOIN thread t ON t.id = m.thread_id
                WHERE message_fts MATCH ? AND \(where_)
                ORDER BY rank LIMIT ?
                """
            arguments.insert(match, at: 0)
        } else {
            sql = """
                SELECT m.message_id, m.date, m.from_name, m.from_address, m.subject, t.key AS thread_key,
                       substr(m.authored_text, 1, 160) AS snippet, NULL AS rank
                FROM message m JOIN thread t ON t.id = m.thread_id
                WHERE \(where_)
                ORDER BY m.date DESC LIMIT ?
                """
        }
        arguments.append(limit)
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
                SearchHit(messageID: row["message_id"], date: (row["date"] as Int64?).map { MailDate(epochSeconds: $0).rfc3339 },
                          from: .init(name: row["from_name"], address: row["from_address"]), subject: row["subject"],
                          snippet: Self.oneLine(row["snippet"] ?? ""), threadID: row["thread_key"], rank: row["rank"])
            }
        }
    }

    /// Whitespace runs as one space, none at the ends: snippets print on one line.
    static func oneLine(_ s: String) -> String {
        var out = ""
        var space = false
        for ch in s {
            if ch.isWhitespace { space = !out.isEmpty; continue }
            if space { out.append(" "); space = false }
            out.append(ch)
        }
        return out
    }
}
