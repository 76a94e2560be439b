import GRDB
import ListLensIndex

extension SQLiteStore: AffiliationEvidenceStore {
    public func addressUses() throws -> [AddressUse] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT COALESCE(p.person_id, p.id), ps.name, p.key, o.name, count(*), min(m.date), max(m.date)
                FROM message m JOIN participant p ON p.id = m.participant_id
                LEFT JOIN person ps ON ps.id = COALESCE(p.person_id, p.id)
                LEFT JOIN organization o ON o.id = p.organization_id
                WHERE m.thread_id IS NOT NULL AND p.automated IS NULL
                GROUP BY p.id ORDER BY p.id
                """).map { r in
                AddressUse(person: r[0], personName: r[1], address: r[2], organization: r[3], messages: r[4], first: r[5], last: r[6])
            }
        }
    }

    public func organizations(writtenFromByAtLeast persons: Int) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT o.name FROM participant p JOIN organization o ON o.id = p.organization_id
                WHERE p.automated IS NULL AND EXISTS (SELECT 1 FROM message m WHERE m.participant_id = p.id AND m.thread_id IS NOT NULL)
                GROUP BY o.id HAVING count(DISTINCT COALESCE(p.person_id, p.id)) >= ? ORDER BY o.name
                """, arguments: [persons])
        }
    }

    public func signedMessagesWithoutOrganization(_ body: (SignedMessage) throws -> Void) throws {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT COALESCE(p.person_id, p.id), p.key, m.date, COALESCE(m.signature_text, ''), substr(m.authored_text, -?),
                       COALESCE(ps.name, m.from_name)
                FROM message m JOIN participant p ON p.id = m.participant_id LEFT JOIN person ps ON ps.id = COALESCE(p.person_id, p.id)
                WHERE m.thread_id IS NOT NULL AND m.date IS NOT NULL AND p.automated IS NULL AND p.organization_id IS NULL
                  AND (m.signature_text != '' OR m.authored_text != '')
                ORDER BY m.date, m.id
                """, arguments: [Self.closingCharacters])
            while let r = try rows.next() {
                try body(SignedMessage(person: r[0], address: r[1], date: r[2], signature: r[3], closing: r[4], name: r[5]))
            }
        }
    }

    /// How much of the end of a message's own text ``signedMessagesWithoutOrganization(_:)`` reads.
    static let closingCharacters = 600

    public func messagesCountingElsewhere(person: Int64, organization: String, from: Int64, until: Int64) throws -> Int {
        // Through the person's own addresses (message_sender): once per suggestion, so it must
        // not read every message of the span.
        try read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM message m LEFT JOIN organization o ON o.id = m.organization_id
                WHERE m.participant_id IN (SELECT id FROM participant WHERE COALESCE(person_id, id) = ?)
                  AND m.thread_id IS NOT NULL AND m.date >= ? AND m.date < ?
                  AND (o.name IS NULL OR o.name != ? COLLATE NOCASE)
                """, arguments: [person, from, until, organization]) ?? 0
        }
    }
}
