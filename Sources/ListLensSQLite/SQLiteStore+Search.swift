import GRDB
import ListLensIndex
import ListLensMail

extension SQLiteStore {
    /// FTS5 with bm25 ranking when the query has words; newest first otherwise, or when asked.
    ///
    /// In two steps: the hits' ids in order (from the full-text index and narrow columns and
    /// indexes only), then the shown hits' rows and snippets. Computing a snippet or reading a
    /// wide row for every match before the sort kept only `limit` of them is what made a query
    /// that matches a fifth of a store slow.
    public func search(_ query: QueryNode, order: SearchOrder, limit: Int, timeLimit: Duration) throws -> [SearchHit] {
        guard limit > 0 else { return [] }
        return try read { db in try Self.withTimeLimit(db, timeLimit) {
            let allPublished = try Self.allPublished(db)
            let compiled = try FTS5QueryCompiler(allPublished: allPublished).compile(query)
            if let match = compiled.match, compiled.conditions.isEmpty, order == .relevance,
               let hits = try rankedByIndex(db, match: match, limit: limit, allPublished: allPublished) {
                return hits
            }
            var arguments = compiled.arguments
            let sql: String
            if let match = compiled.match {
                // bm25 weights: subject counts 5×, authored text 1×, quoted text 0.5×.
                sql = """
                    SELECT m.id, bm25(message_fts, 5.0, 1.0, 0.5) AS rank
                    FROM message_fts JOIN \(Self.narrowMessage) ON m.id = message_fts.rowid
                    WHERE message_fts MATCH ? AND \(Self.whereClause(compiled))
                    ORDER BY \(order == .relevance ? "rank, " : "")m.date DESC, m.id DESC LIMIT \(limit)
                    """
                arguments.insert(match, at: 0)
            } else {
                sql = """
                    SELECT m.id, NULL AS rank FROM message m WHERE \(Self.whereClause(compiled))
                    ORDER BY m.date DESC, m.id DESC LIMIT \(limit)
                    """
            }
            // The limit is written as a number (an Int, never text): bound, it leaves SQLite's planner
            // guessing, and it walked the date index through every row for a condition a partial
            // index answers (`has:attachment`: 50 ms on 100,000 messages rather than 0.2 ms).
            let picked = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
                .map { (id: $0[0] as Int64, rank: $0[1] as Double?) }
            return try hits(db, picked, match: compiled.match)
        } }
    }

    public func countMatches(_ query: QueryNode, timeLimit: Duration) throws -> Int {
        try read { db in try Self.withTimeLimit(db, timeLimit) {
            let allPublished = try Self.allPublished(db)
            let compiled = try FTS5QueryCompiler(allPublished: allPublished).compile(query)
            var arguments = compiled.arguments
            let sql: String
            if let match = compiled.match, compiled.conditions.isEmpty {
                // Words alone: the index counts its rows, and when every message is published (no
                // import under way), those are the hits; else the unpublished ones are taken off.
                let all = try Int.fetchOne(db, sql: "SELECT count(*) FROM message_fts WHERE message_fts MATCH ?", arguments: [match]) ?? 0
                if allPublished { return all }
                let unpublished = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM message_fts WHERE message_fts MATCH ? AND rowid IN \(FTS5QueryCompiler.unpublished)
                    """, arguments: [match]) ?? 0
                return all - unpublished
            }
            if let match = compiled.match {
                sql = """
                    SELECT count(*) FROM message_fts JOIN \(Self.narrowMessage) ON m.id = message_fts.rowid
                    WHERE message_fts MATCH ? AND \(Self.whereClause(compiled))
                    """
                arguments.insert(match, at: 0)
            } else {
                sql = "SELECT count(*) FROM message m WHERE \(Self.whereClause(compiled))"
            }
            return try Int.fetchOne(db, sql: sql, arguments: StatementArguments(arguments)) ?? 0
        } }
    }

    /// `message m` read through `message_narrow`, its narrow columns by id, for joins to the
    /// full-text index's matches: one lookup per match in a row of a few integers rather than in
    /// the message's wide row (`date:2009..2010 reactor` on 100,000 messages: 135 ms → 52 ms).
    /// SQLite's planner prefers the table's own key unless told.
    static let narrowMessage = "message m INDEXED BY message_narrow"

    /// Whether no message waits for the threading pass, asked of `message_report`'s first column.
    private static func allPublished(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM message WHERE thread_id IS NULL)") ?? true
    }

    /// The shown hits, in the order picked: each message's row, and its snippet through the index
    /// at its row (the matching words marked) or, for a query without words, its text's start.
    private func hits(_ db: Database, _ picked: [(id: Int64, rank: Double?)], match: String?) throws -> [SearchHit] {
        guard !picked.isEmpty else { return [] }
        let rows = try Row.fetchAll(db, sql: """
            SELECT m.id, m.message_id, m.date, m.from_name, m.from_address, m.subject, t.key AS thread_key,
                   l.name AS list, o.name AS organization, \(match == nil ? "substr(m.authored_text, 1, 160)" : "NULL") AS start
            FROM message m JOIN thread t ON t.id = m.thread_id
            LEFT JOIN list l ON l.id = m.list_id
            LEFT JOIN organization o ON o.id = m.organization_id
            WHERE m.id IN (SELECT value FROM json_each(?))
            """, arguments: [JSONColumn.ids(picked.map(\.id))])
        var byID: [Int64: Row] = [:]
        for row in rows { byID[row["id"]] = row }
        // One statement a row: snippet() reads only that row (bm25() here would count the whole
        // index's matches again, each time).
        let marked = try match.map { _ in
            try db.cachedStatement(sql: """
                SELECT snippet(message_fts, -1, '[', ']', '…', 12) FROM message_fts WHERE message_fts MATCH ? AND rowid = ?
                """)
        }
        return try picked.compactMap { pick in
            guard let row = byID[pick.id] else { return nil }
            var snippet: String = row["start"] ?? ""
            if let marked, let match {
                snippet = try String.fetchOne(marked, arguments: [match, pick.id]) ?? ""
            }
            return SearchHit(messageID: row["message_id"], date: (row["date"] as Int64?).map { MailDate(epochSeconds: $0).rfc3339 },
                             from: .init(name: row["from_name"], address: row["from_address"]), subject: row["subject"],
                             snippet: Self.oneLine(snippet), threadID: row["thread_key"],
                             list: row["list"], organization: row["organization"], rank: pick.rank)
        }
    }

    /// Candidates beyond `limit` that ``rankedByIndex(_:match:limit:allPublished:)`` reads, for the unpublished
    /// messages among them and for ties.
    static let rankMargin = 32

    /// The first hits of a query of words alone, as the general plan orders them (bm25, then newest
    /// first) but ranked by the index alone: its best `limit` + ``rankMargin`` rows, then only those
    /// messages read. Joining every match to its message first (a common word matches a fifth of a
    /// store) is what made such queries take a second on a million messages. Nil when the index's
    /// best rows cannot be the answer: fewer published messages among them than asked while more
    /// match, or a tie in rank at the cut (the general plan breaks ties by date).
    private func rankedByIndex(_ db: Database, match: String, limit: Int, allPublished: Bool) throws -> [SearchHit]? {
        let best = try Row.fetchAll(db, sql: """
            SELECT rowid, rank FROM message_fts WHERE message_fts MATCH ? AND rank MATCH 'bm25(5.0, 1.0, 0.5)'
            ORDER BY rank LIMIT ?
            """, arguments: [match, limit + Self.rankMargin]).map { (id: $0[0] as Int64, rank: $0[1] as Double) }
        guard !best.isEmpty else { return [] }
        var rank: [Int64: Double] = [:]
        for b in best { rank[b.id] = b.rank }
        let published = FTS5QueryCompiler.published(allPublished: allPublished).map { " AND " + $0 } ?? ""
        var candidates = try Row.fetchAll(db, sql: """
            SELECT m.id, m.date FROM message m WHERE m.id IN (SELECT value FROM json_each(?))\(published)
            """, arguments: [JSONColumn.ids(best.map(\.id))])
            .map { (id: $0[0] as Int64, rank: rank[$0[0]] ?? 0, date: $0[1] as Int64?) }
        // The general plan's order: rank, then newest first, then the later message.
        candidates.sort { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            if a.date != b.date { return (a.date ?? .min) > (b.date ?? .min) }
            return a.id > b.id
        }
        if best.count == limit + Self.rankMargin {
            // More may match: the answer stands only if it is strictly better than every row not read.
            guard candidates.count >= limit, candidates[limit - 1].rank < best[best.count - 1].rank else { return nil }
        }
        return try hits(db, candidates.prefix(limit).map { (id: $0.id, rank: $0.rank) }, match: match)
    }

    /// The query's conditions, on published messages only: those a thread holds (ThreadingStore).
    private static func whereClause(_ compiled: FTS5QueryCompiler.Compiled) -> String {
        let all = [FTS5QueryCompiler.published(allPublished: compiled.allPublished)].compactMap { $0 } + compiled.conditions
        return all.isEmpty ? "1" : all.joined(separator: " AND ")
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
