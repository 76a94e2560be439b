import Foundation
import GRDB
import ListLensText
import ListLensAnalysis
import ListLensIndex
import ListLensMail

/// Pages are read by row id (`+list_id` keeps SQLite off the list's subject index, which would sort
/// the whole list for every page: 62 ms a page of 500 on twisted-python's 33,244 messages, 4 s in all).
extension SQLiteStore {
    /// The count reads only the list index: asking for published messages read every row of the
    /// table (3.6 s, cold, on the twisted-python store), at every import's start.
    public func listFooterStates() throws -> [ListFooterState] {
        let decoder = JSONDecoder()
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT l.id, l.name, (SELECT count(*) FROM message m WHERE m.list_id = l.id) AS n,
                       f.lines, f.learned_from
                FROM list l LEFT JOIN list_footer f ON f.list_id = l.id ORDER BY l.id
                """).map { row in
                ListFooterState(list: row[0], name: row[1], messages: row[2],
                                footer: Self.footer(row[3], decoder), learnedFrom: row[4])
            }
        }
    }

    public func textTails(list: Int64, bytes: Int, after: Int64, limit: Int) throws -> [(key: Int64, tail: String)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, substr(text, -?1), length(text) > ?1 FROM message
                WHERE id > ?2 AND +list_id = ?3 AND thread_id IS NOT NULL ORDER BY id LIMIT ?4
                """, arguments: [bytes, after, list, limit]).map { row in
                // A tail cut inside a line starts at the next one. (SQLite counts characters here, not bytes.)
                let tail: String = row[1]
                let cut: Bool = row[2]
                let whole = cut ? tail.firstIndex(of: "\n").map { tail[tail.index(after: $0)...] } ?? "" : tail[...]
                return (row[0], String(whole))
            }
        }
    }

    public func storedSegmentations(list: Int64, after: Int64, limit: Int) throws -> [StoredSegmentation] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, text, from_name, text_marks, authored_text, quoted_text, quote_layout, signature_text FROM message
                WHERE id > ? AND +list_id = ? AND thread_id IS NOT NULL ORDER BY id LIMIT ?
                """, arguments: [after, list, limit]).map { row in
                StoredSegmentation(key: row[0], text: row[1], senderName: row[2], marks: TextMark.decode(row[3]),
                                   authoredText: row[4], quotedText: row[5],
                                   layout: (row[6] as String?).flatMap(QuoteLayout.init(encoded:)), signatureText: row[7])
            }
        }
    }

    public func storeSegmentations(_ changes: [StoredSegmentation]) throws {
        try write { db in
            let old = try db.cachedStatement(sql: "SELECT subject, authored_text, quoted_text FROM message_search WHERE id = ?")
            let forget = try db.cachedStatement(sql: """
                INSERT INTO message_fts (message_fts, rowid, subject, authored_text, quoted_text) VALUES ('delete', ?, ?, ?, ?)
                """)
            let update = try db.cachedStatement(sql: """
                UPDATE message SET authored_text = ?, authored_words = ?, quoted_text = ?, quote_layout = ?, signature_text = ? WHERE id = ?
                """)
            let index = try db.cachedStatement(sql: "INSERT INTO message_fts (rowid, subject, authored_text, quoted_text) VALUES (?, ?, ?, ?)")
            let pending = try db.cachedStatement(sql: "DELETE FROM message_quote_pass WHERE message = ?")
            for c in changes {
                guard let row = try Row.fetchOne(old, arguments: [c.key]) else { continue }
                try forget.execute(arguments: [c.key, row[0] as String, row[1] as String, row[2] as String])
                try update.execute(arguments: [c.authoredText, WordCount.of(c.authoredText), c.quotedText, c.layout?.encoded(), c.signatureText, c.key])
                try index.execute(arguments: [c.key, row[0] as String, c.authoredText, c.quotedText])
                try pending.execute(arguments: [c.key])
            }
        }
    }

    public func storeListFooter(list: Int64, footer: ListFooter?, learnedFrom: Int) throws {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO list_footer (list_id, lines, learned_from) VALUES (?, ?, ?)",
                           arguments: [list, footer.map { JSONColumn.array($0.lines) }, learnedFrom])
        }
    }

    /// A footer from its stored JSON lines.
    static func footer(_ json: String?, _ decoder: JSONDecoder) -> ListFooter? {
        guard let json else { return nil }
        return ListFooter(lines: JSONColumn.decodeArray(json, using: decoder))
    }
}
