import GRDB
import ListLensIndex
import ListLensMail

extension SQLiteStore {
    /// FTS5 with bm25 ranking when the query has words; newest first otherwise, or when asked.
    public func search(_ query: QueryNode, order: SearchOrder, limit: Int) throws -> [SearchHit] {
        let compiled = try FTS5QueryCompiler().compile(query)
        if let match = compiled.match, compiled.conditions.isEmpty, order == .relevance, limit > 0,
           let hits = try rankedByIndex(match: match, limit: limit) {
            return hits
        }
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
        if let match = compiled.match, compiled.conditions.isEmpty {
            // Words alone: the index counts its rows, and when every message is published (no
            // import under way), those are the hits; else the unpublished ones are taken off.
            return try read { db in
                let all = try Int.fetchOne(db, sql: "SELECT count(*) FROM message_fts WHERE message_fts MATCH ?", arguments: [match]) ?? 0
                guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM message WHERE thread_id IS NULL)") == true else { return all }
                let unpublished = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM message_fts JOIN message m ON m.id = message_fts.rowid
                    WHERE message_fts MATCH ? AND m.thread_id IS NULL
                    """, arguments: [match]) ?? 0
                return all - unpublished
            }
        }
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

    /// Candidates beyond `limit` that ``rankedByIndex(match:limit:)`` reads, for the unpublished
    /// messages among them and for ties.
    static let rankMargin = 32

    /// The first hits of a query of words alone, as the general plan orders them (bm25, then newest
    /// first) but ranked by the index alone: its best `limit` + ``rankMargin`` rows, then only those
    /// messages read. Joining every match to its message first (a common word matches a fifth of a
    /// store) is what made such queries take a second on a million messages. Nil when the index's
    /// best rows cannot be the answer: fewer published messages among them than asked while more
    /// match, or a tie in rank at the cut (the general plan breaks ties by date).
    private func rankedByIndex(match: String, limit: Int) throws -> [SearchHit]? {
        try read { db in
            let best = try Row.fetchAll(db, sql: """
                SELECT rowid, rank FROM message_fts WHERE message_fts MATCH ? AND rank MATCH 'bm25(5.0, 1.0, 0.5)'
                ORDER BY rank LIMIT ?
                """, arguments: [match, limit + Self.rankMargin]).map { (id: $0[0] as Int64, rank: $0[1] as Double) }
            guard !best.isEmpty else { return [] }
            let rows = try Row.fetchAll(db, sql: """
                SELECT m.id, m.message_id, m.date, m.from_name, m.from_address, m.subject, t.key AS thread_key,
                       l.name AS list, o.name AS organization
                FROM message m JOIN thread t ON t.id = m.thread_id
                LEFT JOIN list l ON l.id = m.list_id
                LEFT JOIN organization o ON o.id = m.organization_id
                WHERE m.id IN (SELECT value FROM json_each(?))
                """, arguments: ["[" + best.map { String($0.id) }.joined(separator: ",") + "]"])
            var rank: [Int64: Double] = [:]
            for b in best { rank[b.id] = b.rank }
            struct Candidate {
                var row: Row
                var rank: Double
                var date: Int64?
            }
            var published: [Candidate] = []
            for row in rows {
                let id: Int64 = row["id"]
                published.append(Candidate(row: row, rank: rank[id] ?? 0, date: row["date"]))
            }
            published.sort { a, b in a.rank != b.rank ? a.rank < b.rank : (a.date ?? .min) > (b.date ?? .min) }
            if best.count == limit + Self.rankMargin {
                // More may match: the answer stands only if it is strictly better than every row not read.
                guard published.count >= limit, published[limit - 1].rank < best[best.count - 1].rank else { return nil }
            }
            // The snippets of the hits shown, each through the index at its row.
            let snippet = try db.cachedStatement(sql: """
                SELECT snippet(message_fts, -1, '[', ']', '…', 12) FROM message_fts WHERE message_fts MATCH ? AND rowid = ?
                """)
            return try published.prefix(limit).map { hit in
                let row = hit.row
                let id: Int64 = row["id"]
                let text = try String.fetchOne(snippet, arguments: [match, id]) ?? ""
                return SearchHit(messageID: row["message_id"], date: hit.date.map { MailDate(epochSeconds: $0).rfc3339 },
                                 from: .init(name: row["from_name"], address: row["from_address"]), subject: row["subject"],
                                 snippet: Self.oneLine(text), threadID: row["thread_key"],
                                 list: row["list"], organization: row["organization"], rank: hit.rank)
            }
        }
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
