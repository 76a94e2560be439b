import Foundation
import GRDB
import ListLensAnalysis
import ListLensIndex
import ListLensMail

extension SQLiteStore {
    public func pendingQuoteAttribution(version: Int, after: Int64, limit: Int, depth: Int) throws -> [QuoteAttributionInput] {
        try read { db in
            // From `after` on, by row id: the batches of one run read the table once between them.
            // The full text only where no layout was stored: the stored texts say the rest.
            let pending = try Row.fetchCursor(db, sql: """
                SELECT m.id, \(Self.attributionColumns(authored: true, quoted: true)), m.date, m.parent_id, m.thread_id FROM message m
                LEFT JOIN list_footer f ON f.list_id = m.list_id
                WHERE m.id > ? AND m.thread_id IS NOT NULL AND m.quoted_text != ''
                  AND NOT EXISTS (SELECT 1 FROM message_quote_pass d WHERE d.message = m.id AND d.version = ?)
                ORDER BY m.id LIMIT ?
                """, arguments: [after, version, limit])
            let decoder = JSONDecoder()
            var out: [QuoteAttributionInput] = []
            out.reserveCapacity(limit)
            while let row = try pending.next() {
                out.append(QuoteAttributionInput(message: Self.attributionMessage(row, from: 1, key: row[0], decoder), date: row[9],
                                                 threadID: row[11], ancestors: []))
            }
            guard !out.isEmpty else { return out }
            // Every message's ancestors in one query: the chain of parents, nearest first, `depth` at
            // most, ending where a parent is not stored or (a loop) comes round again.
            var at: [Int64: Int] = [:]
            for (i, input) in out.enumerated() { at[input.message.key] = i }
            for start in stride(from: 0, to: out.count, by: Self.chunk) {
                let keys = out[start..<min(start + Self.chunk, out.count)].map(\.message.key)
                let chains = try Row.fetchCursor(db, sql: """
                    WITH RECURSIVE up(origin, id, parent, depth) AS (
                        SELECT id, id, parent_id, 0 FROM message WHERE id IN (\(Self.placeholders(keys.count)))
                        UNION ALL
                        SELECT up.origin, p.id, p.parent_id, up.depth + 1 FROM up JOIN message p ON p.id = up.parent WHERE up.depth < ?
                    )
                    SELECT origin, id FROM up WHERE depth > 0 ORDER BY origin, depth
                    """, arguments: StatementArguments(keys + [Int64(depth)]))
                var chain: (origin: Int64, seen: Set<Int64>, closed: Bool)? = nil
                while let row = try chains.next() {
                    let origin: Int64 = row[0], id: Int64 = row[1]
                    if chain?.origin != origin { chain = (origin, [origin], false) }
                    guard chain?.closed == false, let i = at[origin] else { continue }
                    if chain?.seen.insert(id).inserted == true { out[i].ancestors.append(id) } else { chain?.closed = true }
                }
            }
            return out
        }
    }

    public func ownTexts(sent dates: ClosedRange<Int64>?, after cursor: SweptMessage?, limit: Int) throws -> [SweptMessage] {
        try read { db in
            let columns = """
                SELECT m.id, m.date, m.list_id, m.thread_id, lower(m.from_address), lower(m.from_name),
                       \(Self.attributionColumns(authored: true, quoted: false))
                FROM message m LEFT JOIN list_footer f ON f.list_id = m.list_id
                """
            let rows: RowCursor
            if let dates {
                let (date, key) = (cursor?.date ?? dates.lowerBound, cursor?.standing.key ?? Int64.min)
                rows = try Row.fetchCursor(db, sql: columns + """
                     WHERE m.date BETWEEN ? AND ? AND (m.date > ? OR (m.date = ? AND m.id > ?)) ORDER BY m.date, m.id LIMIT ?
                    """, arguments: [date, dates.upperBound, date, date, key, limit])
            } else {
                rows = try Row.fetchCursor(db, sql: columns + " WHERE m.date IS NULL AND m.id > ? ORDER BY m.id LIMIT ?",
                                           arguments: [cursor?.standing.key ?? Int64.min, limit])
            }
            // A cursor: each row is decoded where SQLite holds it, not copied first.
            let decoder = JSONDecoder()
            var out: [SweptMessage] = []
            out.reserveCapacity(limit)
            while let row = try rows.next() {
                let key: Int64 = row[0]
                out.append(SweptMessage(standing: .init(key: key, listID: row[2], threadID: row[3], fromAddress: row[4], fromName: row[5]),
                                        date: row[1], message: Self.attributionMessage(row, from: 6, key: key, decoder)))
            }
            return out
        }
    }

    public func ownTextMessages(_ keys: [Int64]) throws -> [QuoteAttributionInput.Message] {
        try read { db in
            var out: [QuoteAttributionInput.Message] = []
            let decoder = JSONDecoder()
            for start in stride(from: 0, to: keys.count, by: Self.chunk) {
                let ids = Array(keys[start..<min(start + Self.chunk, keys.count)])
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT m.id, \(Self.attributionColumns(authored: true, quoted: false))
                    FROM message m LEFT JOIN list_footer f ON f.list_id = m.list_id WHERE m.id IN (\(Self.placeholders(ids.count)))
                    """, arguments: StatementArguments(ids))
                while let row = try rows.next() { out.append(Self.attributionMessage(row, from: 1, key: row[0], decoder)) }
            }
            return out
        }
    }

    /// The columns ``attributionMessage(_:from:key:_:)`` reads, for `m` (a `message` row) and `f` (its
    /// list's `list_footer` row): text, from_name, text_marks, footer lines, quote_layout,
    /// signature_text, authored_text and quoted_text. The full text, marks and footer serve only to
    /// segment again, so they are read only where no layout is stored; authored and quoted text are
    /// read only when asked for (empty otherwise: a reader of own text needs no quotes, one of quotes no own text).
    static func attributionColumns(authored: Bool, quoted: Bool) -> String {
        """
        CASE WHEN m.quote_layout IS NULL THEN m.text ELSE '' END, m.from_name, CASE WHEN m.quote_layout IS NULL THEN m.text_marks END,
        CASE WHEN m.quote_layout IS NULL THEN f.lines END, m.quote_layout, m.signature_text, \(authored ? "m.authored_text" : "''"), \(quoted ? "m.quoted_text" : "''")
        """
    }

    /// A message from `key` and the row's columns from `first` on, as ``attributionColumns(authored:quoted:)`` lists them.
    static func attributionMessage(_ row: Row, from first: Int, key: Int64, _ decoder: JSONDecoder) -> QuoteAttributionInput.Message {
        .init(key: key, text: row[first], senderName: row[first + 1], marks: TextMark.decode(row[first + 2]),
              footer: Self.footer(row[first + 3], decoder),
              stored: storedQuotes(layout: row[first + 4], signature: row[first + 5], authored: row[first + 6], quoted: row[first + 7]))
    }

    /// The stored layout with its texts; nil when none was stored, or it cannot be read.
    static func storedQuotes(layout: String?, signature: String?, authored: String, quoted: String) -> QuoteAttributionInput.Stored? {
        guard let layout, let decoded = QuoteLayout(encoded: layout) else { return nil }
        return QuoteAttributionInput.Stored(layout: decoded, authoredText: authored, quotedText: quoted, signatureText: signature)
    }

    public func messageKeys(forMessageIDs ids: [String]) throws -> [String: Int64] {
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            // Through indexes: `message_message_id` holds first holders only, so one reusing the id
            // is found through `message_imposter` (a plain `message_id = ?` read every message).
            let one = try db.cachedStatement(sql: """
                SELECT id FROM message WHERE id IN \(FTS5QueryCompiler.holders) AND thread_id IS NOT NULL
                ORDER BY imposter_of IS NOT NULL, id LIMIT 1
                """)
            var out: [String: Int64] = [:]
            for id in Set(ids) {
                if let key = try Int64.fetchOne(one, arguments: [id, id]) { out[id] = key }
            }
            return out
        }
    }

    /// Rows written per statement: one statement with many rows costs SQLite and GRDB far less than
    /// as many statements of one row (the attribution pass writes a row per quote and per message).
    static let rowsPerStatement = 100

    public func storeQuoteSources(_ results: [QuoteAttributionResult], version: Int) throws {
        try write { db in
            for start in stride(from: 0, to: results.count, by: Self.rowsPerStatement) {
                let chunk = results[start..<min(start + Self.rowsPerStatement, results.count)]
                let keys = chunk.map(\.key)
                try db.execute(sql: "DELETE FROM quote_source WHERE message IN (\(Self.placeholders(keys.count)))",
                               arguments: StatementArguments(keys))
                var marks: [Int64] = []
                marks.reserveCapacity(keys.count * 2)
                for key in keys { marks += [Int64(version), key] }
                try db.execute(sql: "INSERT OR REPLACE INTO message_quote_pass (version, message) VALUES \(Self.rows(keys.count, of: 2))",
                               arguments: StatementArguments(marks))
            }
            let rows = results.flatMap { r in r.sources.map { (key: r.key, source: $0) } }
            for start in stride(from: 0, to: rows.count, by: Self.rowsPerStatement) {
                let part = rows[start..<min(start + Self.rowsPerStatement, rows.count)]
                var values: [(any DatabaseValueConvertible)?] = []
                values.reserveCapacity(part.count * 5)
                for r in part { values += [r.key, r.source.segment, r.source.source, r.source.confidence, r.source.method] }
                try db.execute(sql: "INSERT INTO quote_source (message, segment, source, confidence, method) VALUES \(Self.rows(part.count, of: 5))",
                               arguments: StatementArguments(values))
            }
        }
    }

    /// `(?, ?), (?, ?)`: `count` rows of `width` placeholders, for a multi-row INSERT.
    static func rows(_ count: Int, of width: Int) -> String {
        let row = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
        return Array(repeating: row, count: count).joined(separator: ", ")
    }
}
