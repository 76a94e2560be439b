import GRDB
import ListLensAnalysis
import ListLensIndex

/// Writes the batches of one import into SQLite, one transaction per batch, with cached prepared
/// statements. Every statement is parameterized.
final class SQLiteBatchWriter: MessageBatchWriter {
    private let store: SQLiteStore
    // Row ids already looked up, kept across the batches of one import (ids never change once inserted).
    private var lists: [String: Int64] = [:]
    private var organizations: [String: Int64] = [:]
    private var participants: [String: (id: Int64, hasName: Bool)] = [:]
    private var sources: [String: Int64] = [:]

    init(store: SQLiteStore) { self.store = store }

    func write(_ batch: ImportBatch) throws -> MessageCounts {
        var counts = MessageCounts()
        try store.write { db in
            let statements = try Statements(db)
            for entry in batch.entries {
                let a = entry.message
                let sourcePath = batch.source.path(member: a.raw.member)
                let sourceID = try sources[sourcePath] ?? {
                    let id = try registerSource(db, path: sourcePath, source: batch.source)
                    sources[sourcePath] = id
                    return id
                }()
                if let reason = a.quarantineReason {
                    try statements.insertQuarantine.execute(arguments: [sourceID, a.raw.offset, a.raw.length, reason])
                    if db.changesCount > 0 { counts.quarantined += 1 } else { counts.duplicates += 1 }
                    continue
                }
                if try insert(db, statements, a, sourceID: sourceID, list: entry.list) {
                    counts.imported += 1
                    if a.message.defects.contains(where: \.isMalformation) { counts.withDefects += 1 }
                } else {
                    counts.duplicates += 1
                }
            }
        }
        return counts
    }

    /// The statements of one transaction (GRDB caches the compiled SQL per connection).
    private struct Statements {
        let existing: Statement
        let insertMessage: Statement
        let insertFTS: Statement
        let insertRecipient: Statement
        let insertRef: Statement
        let insertQuarantine: Statement

        init(_ db: Database) throws {
            existing = try db.cachedStatement(sql: "SELECT 1 FROM message WHERE message_id = ?")
            insertMessage = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO message (message_id, synthetic_id, list_id, date, date_source, from_name, from_address,
                    participant_id, organization_id, subject, normalized_subject, tags, text, authored_text, quoted_text,
                    defects, source_id, offset, length)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            insertFTS = try db.cachedStatement(sql:
                "INSERT INTO message_fts (rowid, subject, authored_text, quoted_text) VALUES (?, ?, ?, ?)")
            insertRecipient = try db.cachedStatement(sql:
                "INSERT OR IGNORE INTO recipient (message_id, kind, position, name, address) VALUES (?, ?, ?, ?, ?)")
            insertRef = try db.cachedStatement(sql:
                "INSERT OR IGNORE INTO message_ref (message_id, kind, position, ref) VALUES (?, ?, ?, ?)")
            insertQuarantine = try db.cachedStatement(sql:
                "INSERT OR IGNORE INTO quarantine (source_id, offset, length, reason) VALUES (?, ?, ?, ?)")
        }
    }

    /// The id of the source row for `path`, created or refreshed.
    private func registerSource(_ db: Database, path: String, source: SourceRecord) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO source (path, format, compressed, size, imported_at) VALUES (?, ?, ?, ?, datetime('now'))
            ON CONFLICT(path) DO UPDATE SET size = excluded.size, imported_at = excluded.imported_at
            """, arguments: [path, source.format, source.compressed, source.size])
        return try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE path = ?", arguments: [path])!   // just inserted
    }

    /// Inserts the message; false when a message with its Message-ID is already stored.
    private func insert(_ db: Database, _ s: Statements, _ a: AnalyzedMessage, sourceID: Int64, list: String?) throws -> Bool {
        let m = a.message
        // Duplicates are common (pipermail months hold every message twice): skip them before any other work.
        if try Bool.fetchOne(s.existing, arguments: [m.messageID]) == true { return false }
        let listID = try list.map { name in
            try lists[name] ?? remember(try idFor(db, table: "list", column: "name", value: name)) { lists[name] = $0 }
        }
        let organizationID = try a.organization.map { name in
            try organizations[name]
                ?? remember(try idFor(db, table: "organization", column: "name", value: name)) { organizations[name] = $0 }
        }
        let participantID = try a.participantKey.map { key in
            try participant(db, key: key, name: Identity.cleanName(m.from?.name), address: m.from?.address ?? key,
                            organizationID: organizationID)
        }
        try s.insertMessage.execute(arguments: [
            m.messageID, m.messageIDIsSynthetic, listID, m.date?.epochSeconds, m.dateSource.rawValue,
            Identity.cleanName(m.from?.name), m.from?.address, participantID, organizationID,
            m.subject, a.normalizedSubject, JSONColumn.array(a.tags), m.text, a.quoted.authored, a.quoted.quoted,
            JSONColumn.array(m.defects.map(\.rawValue)), sourceID, a.raw.offset, a.raw.length,
        ])
        guard db.changesCount > 0 else { return false }
        let rowID = db.lastInsertedRowID
        try s.insertFTS.execute(arguments: [rowID, m.subject, a.quoted.authored, a.quoted.quoted])
        for (kind, list) in [("to", m.to), ("cc", m.cc)] {
            for (i, r) in list.enumerated() {
                try s.insertRecipient.execute(arguments: [rowID, kind, i, r.name, r.address])
            }
        }
        for (kind, ids) in [("in-reply-to", m.inReplyTo), ("references", m.references)] {
            for (i, ref) in ids.enumerated() { try s.insertRef.execute(arguments: [rowID, kind, i, ref]) }
        }
        return true
    }

    private func idFor(_ db: Database, table: String, column: String, value: String) throws -> Int64 {
        // `table` and `column` are constants of this file, never input; the value is bound.
        let select = try db.cachedStatement(sql: "SELECT id FROM \(table) WHERE \(column) = ?")
        if let id = try Int64.fetchOne(select, arguments: [value]) { return id }
        try db.cachedStatement(sql: "INSERT INTO \(table) (\(column)) VALUES (?)").execute(arguments: [value])
        return db.lastInsertedRowID
    }

    private func remember(_ id: Int64, _ store: (Int64) -> Void) -> Int64 {
        store(id)
        return id
    }

    private func participant(_ db: Database, key: String, name: String?, address: String, organizationID: Int64?) throws -> Int64 {
        if let known = participants[key], known.hasName || name == nil { return known.id }
        let id = try lookUpParticipant(db, key: key, name: name, address: address, organizationID: organizationID)
        participants[key] = (id, name != nil || participants[key]?.hasName == true)
        return id
    }

    private func lookUpParticipant(_ db: Database, key: String, name: String?, address: String, organizationID: Int64?) throws -> Int64 {
        let select = try db.cachedStatement(sql: "SELECT id, name FROM participant WHERE key = ?")
        if let row = try Row.fetchOne(select, arguments: [key]) {
            let id: Int64 = row["id"]
            if (row["name"] as String?) == nil, let name {
                try db.cachedStatement(sql: "UPDATE participant SET name = ? WHERE id = ?").execute(arguments: [name, id])
            }
            return id
        }
        try db.cachedStatement(sql: "INSERT INTO participant (key, name, organization_id) VALUES (?, ?, ?)")
            .execute(arguments: [key, name, organizationID])
        let id = db.lastInsertedRowID
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO address (address, participant_id) VALUES (?, ?)")
            .execute(arguments: [address, id])
        return id
    }
}
