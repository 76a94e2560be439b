import Foundation
import GRDB
import ListLensAnalysis
import ListLensMail

/// Writes analysed messages inside one transaction, with cached prepared statements.
/// Every statement is parameterized.
struct MessageWriter {
    /// Row ids of lists, organizations and participants already looked up, kept across batches
    /// of one import (ids never change once inserted).
    final class IDCache {
        var lists: [String: Int64] = [:]
        var organizations: [String: Int64] = [:]
        var participants: [String: (id: Int64, hasName: Bool)] = [:]
    }

    private let db: Database
    private let cache: IDCache
    private let existing: Statement
    private let insertMessage: Statement
    private let insertFTS: Statement
    private let insertRecipient: Statement
    private let insertRef: Statement
    private let insertQuarantine: Statement

    init(_ db: Database, cache: IDCache) throws {
        self.db = db
        self.cache = cache
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

    /// The id of the source row for `path`, created or refreshed.
    func registerSource(path: String, format: String, compressed: Bool, size: Int64) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO source (path, format, compressed, size, imported_at) VALUES (?, ?, ?, ?, datetime('now'))
            ON CONFLICT(path) DO UPDATE SET size = excluded.size, imported_at = excluded.imported_at
            """, arguments: [path, format, compressed, size])
        return try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE path = ?", arguments: [path])!   // just inserted
    }

    /// Inserts the message; false when a message with its Message-ID is already stored.
    func insert(_ a: AnalyzedMessage, sourceID: Int64, list: String?) throws -> Bool {
        let m = a.message
        // Duplicates are common (pipermail months hold every message twice): skip them before any other work.
        if try Bool.fetchOne(existing, arguments: [m.messageID]) == true { return false }
        let listID = try list.map { name in
            try cache.lists[name] ?? remember(try idFor(table: "list", column: "name", value: name)) { cache.lists[name] = $0 }
        }
        let organizationID = try a.organization.map { name in
            try cache.organizations[name]
                ?? remember(try idFor(table: "organization", column: "name", value: name)) { cache.organizations[name] = $0 }
        }
        let participantID = try a.participantKey.map { key in
            try participant(key: key, name: Identity.cleanName(m.from?.name), address: m.from?.address ?? key,
                            organizationID: organizationID)
        }
        try insertMessage.execute(arguments: [
            m.messageID, m.messageIDIsSynthetic, listID, m.date?.epochSeconds, m.dateSource.rawValue,
            Identity.cleanName(m.from?.name), m.from?.address, participantID, organizationID,
            m.subject, a.normalizedSubject, JSON.array(a.tags), m.text, a.quoted.authored, a.quoted.quoted,
            JSON.array(m.defects.map(\.rawValue)), sourceID, a.raw.offset, a.raw.length,
        ])
        guard db.changesCount > 0 else { return false }
        let rowID = db.lastInsertedRowID
        try insertFTS.execute(arguments: [rowID, m.subject, a.quoted.authored, a.quoted.quoted])
        for (kind, list) in [("to", m.to), ("cc", m.cc)] {
            for (i, r) in list.enumerated() {
                try insertRecipient.execute(arguments: [rowID, kind, i, r.name, r.address])
            }
        }
        for (kind, ids) in [("in-reply-to", m.inReplyTo), ("references", m.references)] {
            for (i, ref) in ids.enumerated() { try insertRef.execute(arguments: [rowID, kind, i, ref]) }
        }
        return true
    }

    /// Records a quarantined message; false when that place of that file was quarantined before.
    func quarantine(_ a: AnalyzedMessage, sourceID: Int64, reason: String) throws -> Bool {
        try insertQuarantine.execute(arguments: [sourceID, a.raw.offset, a.raw.length, reason])
        return db.changesCount > 0
    }

    private func idFor(table: String, column: String, value: String) throws -> Int64 {
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

    private func participant(key: String, name: String?, address: String, organizationID: Int64?) throws -> Int64 {
        if let known = cache.participants[key], known.hasName || name == nil { return known.id }
        let id = try lookUpParticipant(key: key, name: name, address: address, organizationID: organizationID)
        cache.participants[key] = (id, name != nil || cache.participants[key]?.hasName == true)
        return id
    }

    private func lookUpParticipant(key: String, name: String?, address: String, organizationID: Int64?) throws -> Int64 {
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
