import GRDB
import ListLensIndex
import ListLensMail

extension SQLiteStore {
    /// FTS5 with bm25 ranking when the query has words; newest first otherwise, or when asked.
    public func search(_ query: QueryNode, order: SearchOrder, limit: Int) throws -> [SearchHit] {
        let compiled = try FTS5QueryCompiler().compile(query)
        var arguments = compiled.arguments
        let select = """
            SELECT m.message_id, m.date, m.from_name, m.from_address, m.subject, t.key AS thread_key,
                   l.name AS list, o.name AS organization,
            """
        let joins = """
            JOIN thread t ON t.id = m.thread_id
            LEFT JOIN list l ON l.id = m.list_id
            LEFT JOIN organization o ON o.id = m.organization_id
            """
        let sql: String
        if let match = compiled.match {
            // bm25 weights: subject counts 5×, authored text 1×, quoted text 0.5×.
            sql = """
                \(select)
                       snippet(message_fts, -1, '[', ']', '…', 12) AS snippet,
                       bm25(message_fts, 5.0, 1.0, 0.5) AS rank
                FROM message_fts JOIN message m ON m.id = message_fts.rowid
                \(joins)
                WHERE message_fts MATCH ? AND \(Self.published(compiled))
                ORDER BY \(order == .date ? "m.date DESC" : "rank, m.date DESC") LIMIT ?
                """
            arguments.insert(match, at: 0)
        } else {
            sql = """
                \(select)
                       substr(m.authored_text, 1, 160) AS snippet, NULL AS rank
                FROM message m \(joins)
                WHERE \(Self.published(compiled))
                ORDER BY m.date DESC LIMIT ?
                """
        }
        arguments.append(limit)
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
                SearchHit(messageID: row["message_id"], date: (row["date"] as Int64?).map { MailDate(epochSeconds: $0).rfc3339 },
                          from: .init(name: row["from_name"], address: row["from_address"]), subject: row["subject"],
                          snippet: Self.oneLine(row["snippet"] ?? ""), threadID: row["thread_key"],
                          list: row["list"], organization: row["organization"], rank: row["rank"])
            }
        }
    }

    public func countMatches(_ query: QueryNode) throws -> Int {
        let compiled = try FTS5QueryCompiler().compile(query)
        var arguments = compiled.arguments
        let sql: String
        if let match = compiled.match {
            sql = """
                SELECT count(*) FROM message_fts JOIN message m ON m.id = message_fts.rowid JOIN thread t ON t.id = m.thread_id
                WHERE message_fts MATCH ? AND \(Self.published(compiled))
                """
            arguments.insert(match, at: 0)
        } else {
            sql = "SELECT count(*) FROM message m JOIN thread t ON t.id = m.thread_id WHERE \(Self.published(compiled))"
        }
        return try read { db in try Int.fetchOne(db, sql: sql, arguments: StatementArguments(arguments)) ?? 0 }
    }

    /// The query's conditions on published messages only: those a thread holds (ThreadingStore).
    private static func published(_ compiled: FTS5QueryCompiler.Compiled) -> String {
        (["m.thread_id IS NOT NULL"] + compiled.conditions).joined(separator: " AND ")
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
