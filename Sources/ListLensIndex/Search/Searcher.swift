import GRDB

/// Runs ``SearchQuery``s against the store: FTS5 with bm25 ranking, plus field filters.
public struct Searcher {
    let store: Store

    public init(store: Store) { self.store = store }

    public func search(_ query: SearchQuery, limit: Int = 20) throws -> [SearchHit] {
        guard !query.isEmpty else { return [] }
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        let fts = query.ftsExpression()
        for f in query.from {
            conditions.append("(m.from_address LIKE ? ESCAPE '\\' OR m.from_name LIKE ? ESCAPE '\\')")
            let pattern = "%" + Self.escapeLike(f) + "%"
            arguments += [pattern, pattern]
        }
        let sql: String
        if let fts {
            // bm25 weights: subject counts 5×, authored text 1×, quoted text 0.5×.
            sql = """
                SELECT m.message_id, m.date, m.from_name, m.from_address, m.subject, t.key AS thread_key,
                       snippet(message_fts, -1, '[', ']', '…', 12) AS snippet,
                       bm25(message_fts, 5.0, 1.0, 0.5) AS rank
                FROM message_fts JOIN message m ON m.id = message_fts.rowid
                LEFT JOIN thread t ON t.id = m.thread_id
                WHERE message_fts MATCH ?\(conditions.isEmpty ? "" : " AND " + conditions.joined(separator: " AND "))
                ORDER BY rank LIMIT ?
                """
            arguments.insert(fts, at: 0)
        } else {
            sql = """
                SELECT m.message_id, m.date, m.from_name, m.from_address, m.subject, t.key AS thread_key,
                       substr(m.authored_text, 1, 160) AS snippet, NULL AS rank
                FROM message m LEFT JOIN thread t ON t.id = m.thread_id
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY m.date DESC LIMIT ?
                """
        }
        arguments.append(limit)
        return try store.pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
                SearchHit(message_id: row["message_id"], date: (row["date"] as Int64?).map(MailDateFormatting.rfc3339),
                          from: .init(name: row["from_name"], address: row["from_address"]), subject: row["subject"],
                          snippet: Self.oneLine(row["snippet"] ?? ""), thread_id: row["thread_key"], rank: row["rank"])
            }
        }
    }

    static func escapeLike(_ s: String) -> String {
        var out = ""
        for ch in s {
            if ch == "%" || ch == "_" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out
    }

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
