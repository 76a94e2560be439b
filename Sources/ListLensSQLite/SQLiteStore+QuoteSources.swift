import Foundation
import GRDB
import ListLensAnalysis
import ListLensIndex
import ListLensMail

extension SQLiteStore {
    public func pendingQuoteAttribution(version: Int, after: Int64, limit: Int, depth: Int) throws -> [QuoteAttributionInput] {
        try read { db in
            // From `after` on, by row id: the batches of one run read the table once between them.
            let pending = try Row.fetchAll(db, sql: """
                SELECT m.id, m.text, m.from_name, m.date, m.parent_id, m.text_marks, f.lines,
                       m.quote_layout, m.signature_text, m.authored_text, m.quoted_text FROM message m
                LEFT JOIN list_footer f ON f.list_id = m.list_id
                WHERE m.id > ? AND m.thread_id IS NOT NULL AND m.quoted_text != ''
                  AND NOT EXISTS (SELECT 1 FROM message_quote_pass d WHERE d.message = m.id AND d.version = ?)
                ORDER BY m.id LIMIT ?
                """, arguments: [after, version, limit])
            let one = try db.makeStatement(sql: """
                SELECT m.id, m.text, m.from_name, m.text_marks, f.lines,
                       m.quote_layout, m.signature_text, m.authored_text, m.quoted_text, m.parent_id FROM message m
                LEFT JOIN list_footer f ON f.list_id = m.list_id WHERE m.id = ?
                """)
            let decoder = JSONDecoder()
            var out: [QuoteAttributionInput] = []
            for row in pending {
                var ancestors: [QuoteAttributionInput.Message] = []
                var next: Int64? = row[4]
                var seen = Set<Int64>([row[0]])
                while let p = next, ancestors.count < depth, seen.insert(p).inserted, let a = try Row.fetchOne(one, arguments: [p]) {
                    ancestors.append(Self.attributionMessage(a, decoder))
                    next = a[9]
                }
                out.append(QuoteAttributionInput(message: .init(key: row[0], text: row[1], senderName: row[2], marks: TextMark.decode(row[5]),
                                                                footer: Self.footer(row[6], decoder),
                                                                stored: Self.storedQuotes(layout: row[7], signature: row[8], authored: row[9], quoted: row[10])),
                                                 date: row[3], ancestors: ancestors))
            }
            return out
        }
    }

    public func messagesSharing(_ shingles: [Int64], excluding: Int64, before: Int64?, limit: Int) throws -> [QuoteAttributionInput.Message] {
        guard !shingles.isEmpty else { return [] }
        return try read { db in
            let list = Self.placeholders(min(shingles.count, Self.chunk))
            let rows = try Row.fetchAll(db, sql: """
                SELECT m.id, m.text, m.from_name, m.text_marks, f.lines,
                       m.quote_layout, m.signature_text, m.authored_text, m.quoted_text FROM (
                    SELECT message, count(*) AS n FROM shingle WHERE hash IN (\(list)) AND message != ? GROUP BY message
                    ORDER BY n DESC, message DESC LIMIT ?) s
                JOIN message m ON m.id = s.message
                LEFT JOIN list_footer f ON f.list_id = m.list_id
                WHERE (? IS NULL OR m.date IS NULL OR m.date <= ? + 86400)
                  AND m.thread_id IS NOT (SELECT thread_id FROM message WHERE id = ?)
                ORDER BY s.n DESC, m.id DESC
                """, arguments: StatementArguments(Array(shingles.prefix(Self.chunk))) + [excluding, limit * 4, before, before, excluding])
            let decoder = JSONDecoder()
            return rows.prefix(limit).map { Self.attributionMessage($0, decoder) }
        }
    }

    /// A message from a row of id, text, from_name, text_marks, footer lines, quote_layout,
    /// signature_text, authored_text and quoted_text.
    static func attributionMessage(_ row: Row, _ decoder: JSONDecoder) -> QuoteAttributionInput.Message {
        .init(key: row[0], text: row[1], senderName: row[2], marks: TextMark.decode(row[3]), footer: Self.footer(row[4], decoder),
              stored: storedQuotes(layout: row[5], signature: row[6], authored: row[7], quoted: row[8]))
    }

    /// The stored layout with its texts; nil when none was stored, or it cannot be read.
    static func storedQuotes(layout: String?, signature: String?, authored: String, quoted: String) -> QuoteAttributionInput.Stored? {
        guard let layout, let decoded = QuoteLayout(encoded: layout) else { return nil }
        return QuoteAttributionInput.Stored(layout: decoded, authoredText: authored, quotedText: quoted, signatureText: signature)
    }

    public func messageKeys(forMessageIDs ids: [String]) throws -> [String: Int64] {
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            let one = try db.cachedStatement(sql: """
                SELECT id FROM message WHERE message_id = ? AND thread_id IS NOT NULL ORDER BY imposter_of IS NOT NULL, id LIMIT 1
                """)
            var out: [String: Int64] = [:]
            for id in Set(ids) {
                if let key = try Int64.fetchOne(one, arguments: [id]) { out[id] = key }
            }
            return out
        }
    }

    public func storeQuoteSources(_ results: [QuoteAttributionResult], version: Int) throws {
        try write { db in
            let delete = try db.makeStatement(sql: "DELETE FROM quote_source WHERE message = ?")
            let insert = try db.makeStatement(sql: "INSERT INTO quote_source (message, segment, source, confidence, method) VALUES (?, ?, ?, ?, ?)")
            let mark = try db.makeStatement(sql: "INSERT OR REPLACE INTO message_quote_pass (version, message) VALUES (?, ?)")
            for r in results {
                try delete.execute(arguments: [r.key])
                for s in r.sources { try insert.execute(arguments: [r.key, s.segment, s.source, s.confidence, s.method]) }
                try mark.execute(arguments: [version, r.key])
            }
        }
    }
}
