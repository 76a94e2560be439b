import Foundation
import GRDB
import ListLensIndex
import ListLensMail

extension SQLiteStore {
    public func forEachExportedMessage(_ body: (ExportedMessage) throws -> Void) throws {
        try forEach(inThread: nil, body)
    }

    public func exportedMessages(inThread key: String) throws -> [ExportedMessage] {
        var out: [ExportedMessage] = []
        try forEach(inThread: key) { out.append($0) }
        return out
    }

    public func threadKey(ofMessageID messageID: String) throws -> String? {
        try read { db in
            // The first holder of the id, else a message reusing it (both found through indexes:
            // `message_message_id` holds only first holders).
            try String.fetchOne(db, sql: """
                SELECT t.key FROM message m JOIN thread t ON t.id = m.thread_id
                WHERE m.id IN (SELECT id FROM message WHERE message_id = ?1 AND imposter_of IS NULL
                               UNION ALL SELECT i.id FROM message h JOIN message i ON i.imposter_of = h.id
                                         WHERE h.message_id = ?1 AND h.imposter_of IS NULL)
                ORDER BY m.imposter_of IS NOT NULL, m.id LIMIT 1
                """, arguments: [messageID])
        }
    }

    private func forEach(inThread key: String?, _ body: (ExportedMessage) throws -> Void) throws {
        let decoder = JSONDecoder()   // one for the whole export: the tags and defects columns of every row
        try read { db in
            let recipients = try db.makeStatement(sql: "SELECT kind, name, address FROM recipient WHERE message_id = ? ORDER BY kind, position")
            let refs = try db.makeStatement(sql: "SELECT kind, ref FROM message_ref WHERE message_id = ? ORDER BY kind, position")
            let sources = try db.makeStatement(sql: """
                SELECT q.segment, s.message_id, p.key, q.confidence, q.method FROM quote_source q
                LEFT JOIN message s ON s.id = q.source LEFT JOIN participant p ON p.id = s.participant_id
                WHERE q.message = ?
                """)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT m.id, m.message_id, l.name AS list, m.date, m.from_name, m.from_address, p.key AS participant,
                       o.name AS organization, t.key AS thread_key, pm.message_id AS parent, m.parent_method, m.tags, m.subject,
                       m.text, m.authored_text, m.quoted_text, s.path, m.offset, m.length, m.defects, m.text_marks,
                       f.lines AS footer_lines
                FROM message m
                LEFT JOIN list l ON l.id = m.list_id
                LEFT JOIN list_footer f ON f.list_id = m.list_id
                LEFT JOIN participant p ON p.id = m.participant_id
                LEFT JOIN organization o ON o.id = m.organization_id
                JOIN thread t ON t.id = m.thread_id
                LEFT JOIN message pm ON pm.id = m.parent_id
                JOIN source s ON s.id = m.source_id
                \(key == nil ? "" : "WHERE t.key = ?")
                ORDER BY m.date IS NULL, m.date, m.id
                """, arguments: key.map { [$0] } ?? [])
            while let row = try rows.next() {
                let id: Int64 = row["id"]
                var to: [ExportedMessage.Person] = [], cc: [ExportedMessage.Person] = []
                let rc = try Row.fetchCursor(recipients, arguments: [id])
                while let r = try rc.next() {
                    let p = ExportedMessage.Person(name: r["name"], address: r["address"])
                    if (r["kind"] as String) == "to" { to.append(p) } else { cc.append(p) }
                }
                var irt: [String] = [], references: [String] = []
                let rf = try Row.fetchCursor(refs, arguments: [id])
                while let r = try rf.next() {
                    if (r["kind"] as String) == "in-reply-to" { irt.append(r["ref"]) } else { references.append(r["ref"]) }
                }
                var quoteSources: [Int: ExportedMessage.Segment.Source] = [:]
                let qs = try Row.fetchCursor(sources, arguments: [id])
                while let r = try qs.next() {
                    quoteSources[r[0]] = .init(messageID: r[1], participant: r[2], confidence: r[3], method: r[4])
                }
                var message = ExportedMessage(
                    messageID: row["message_id"], list: row["list"],
                    date: (row["date"] as Int64?).map { MailDate(epochSeconds: $0).rfc3339 },
                    from: .init(name: row["from_name"], address: row["from_address"]), to: to, cc: cc,
                    subject: row["subject"], inReplyTo: irt, references: references,
                    participant: row["participant"], organization: row["organization"], threadID: row["thread_key"],
                    parent: row["parent"], parentMethod: row["parent_method"], tags: JSONColumn.decodeArray(row["tags"], using: decoder),
                    text: row["text"], authoredText: row["authored_text"], quotedText: row["quoted_text"],
                    source: .init(path: row["path"], offset: row["offset"], length: row["length"]),
                    defects: JSONColumn.decodeArray(row["defects"], using: decoder))
                message.quoteSources = quoteSources
                message.textMarks = TextMark.decode(row["text_marks"])
                message.listFooter = Self.footer(row["footer_lines"], decoder)
                try body(message)
            }
        }
    }
}
