import Foundation
import GRDB
import ListLensIndex
import ListLensMail

extension SQLiteStore {
    public func forEachExportedMessage(_ body: (ExportedMessage) throws -> Void) throws {
        let decoder = JSONDecoder()   // one for the whole export: the tags and defects columns of every row
        try read { db in
            let recipients = try db.makeStatement(sql: "SELECT kind, name, address FROM recipient WHERE message_id = ? ORDER BY kind, position")
            let refs = try db.makeStatement(sql: "SELECT kind, ref FROM message_ref WHERE message_id = ? ORDER BY kind, position")
            let rows = try Row.fetchCursor(db, sql: """
                SELECT m.id, m.message_id, l.name AS list, m.date, m.from_name, m.from_address, p.key AS participant,
                       o.name AS organization, t.key AS thread_key, pm.message_id AS parent, m.parent_method, m.tags, m.subject,
                       m.text, m.authored_text, m.quoted_text, s.path, m.offset, m.length, m.defects
                FROM message m
                LEFT JOIN list l ON l.id = m.list_id
                LEFT JOIN participant p ON p.id = m.participant_id
                LEFT JOIN organization o ON o.id = m.organization_id
                JOIN thread t ON t.id = m.thread_id
                LEFT JOIN message pm ON pm.id = m.parent_id
                JOIN source s ON s.id = m.source_id
                ORDER BY m.date IS NULL, m.date, m.id
                """)
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
                try body(ExportedMessage(
                    messageID: row["message_id"], list: row["list"],
                    date: (row["date"] as Int64?).map { MailDate(epochSeconds: $0).rfc3339 },
                    from: .init(name: row["from_name"], address: row["from_address"]), to: to, cc: cc,
                    subject: row["subject"], inReplyTo: irt, references: references,
                    participant: row["participant"], organization: row["organization"], threadID: row["thread_key"],
                    parent: row["parent"], parentMethod: row["parent_method"], tags: JSONColumn.decodeArray(row["tags"], using: decoder),
                    text: row["text"], authoredText: row["authored_text"], quotedText: row["quoted_text"],
                    source: .init(path: row["path"], offset: row["offset"], length: row["length"]),
                    defects: JSONColumn.decodeArray(row["defects"], using: decoder)))
            }
        }
    }
}
