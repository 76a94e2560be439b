import GRDB
import ListLensText
import ListLensAnalysis
import ListLensIndex
import ListLensMail

/// Writes the batches of one import into SQLite, one transaction per batch, with cached prepared
/// statements. Every statement is parameterized.
final class SQLiteBatchWriter: MessageBatchWriter {
    private let store: SQLiteStore
    // Row ids already looked up, kept across the batches of one import (ids never change once inserted).
    private var lists: [String: Int64] = [:]
    private var organizations: [String: Int64] = [:]
    private var participants: [String: (id: Int64, hasName: Bool)] = [:]
    /// The senders (participant, name, address as stored) this import has written to `sender`.
    private var senders: Set<Sender> = []
    private var sources: [String: Int64] = [:]
    /// Lists whose subject threading this import has set (``ImportBatch/threadsBySubject``).
    private var subjectThreadingSet: Set<String> = []

    init(store: SQLiteStore) { self.store = store }

    func write(_ batch: ImportBatch) throws -> MessageCounts {
        var counts = MessageCounts()
        try store.write { db in
            let statements = try Statements(db)
            let lookup = Lookup(statements)
            for entry in batch.entries {
                let a = entry.message
                if let on = batch.threadsBySubject, let list = entry.list, !subjectThreadingSet.contains(list) {
                    try setSubjectThreading(db, list: list, on: on)
                    subjectThreadingSet.insert(list)
                }
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
                switch try Deduplication.decide(a, replacing: batch.replacing, in: lookup) {
                case .duplicate:
                    counts.duplicates += 1
                    if a.usesGivenValues { counts.givenValuesNotApplied += 1 }
                case .copy(let key):
                    try statements.insertCopy.execute(arguments: [a.contentKey, key])
                    counts.duplicates += 1
                    if a.usesGivenValues { counts.givenValuesNotApplied += 1 }
                case .insert:
                    try insert(db, statements, a, sourceID: sourceID, list: entry.list, imposterOf: nil)
                    counts.imported += 1
                    if a.author != nil { counts.rewritten += 1 }
                    if a.message.defects.contains(where: \.isMalformation) { counts.withDefects += 1 }
                case .imposter(let holder):
                    try insert(db, statements, a, sourceID: sourceID, list: entry.list, imposterOf: holder)
                    counts.imported += 1
                    if a.author != nil { counts.rewritten += 1 }
                    counts.imposters += 1
                    counts.withDefects += 1
                case .replace(let key):
                    try replace(db, statements, key: key, with: a, sourceID: sourceID, list: entry.list)
                    counts.replaced += 1
                    if a.author != nil { counts.rewritten += 1 }
                case .identify(let key):
                    try replace(db, statements, key: key, with: a, sourceID: sourceID, list: entry.list)
                    counts.duplicates += 1
                    counts.identified += 1
                }
            }
        }
        return counts
    }

    /// The statements of one transaction (GRDB caches the compiled SQL per connection).
    private struct Statements {
        let holder: Statement
        let hasContentKey: Statement
        let byContentKey: Statement
        let insertCopy: Statement
        let deleteCopies: Statement
        let comparable: Statement
        let insertMessage: Statement
        let updateMessage: Statement
        let ftsValues: Statement
        let referencedSubject: Statement
        let deleteFTS: Statement
        let insertFTS: Statement
        let deleteRecipients: Statement
        let deleteRefs: Statement
        let deleteConversations: Statement
        let insertConversation: Statement
        let insertRecipient: Statement
        let insertRef: Statement
        let insertSender: Statement
        let insertQuarantine: Statement
        let deleteQuoteSources: Statement
        let forgetQuotePass: Statement

        init(_ db: Database) throws {
            holder = try db.cachedStatement(sql:
                "SELECT id, synthetic_id, content_key FROM message WHERE message_id = ? AND imposter_of IS NULL")
            hasContentKey = try db.cachedStatement(sql: """
                SELECT 1 FROM message WHERE content_key = ?1 AND (id = ?2 OR imposter_of = ?2)
                UNION ALL
                SELECT 1 FROM message_copy c JOIN message m ON m.id = c.message
                WHERE c.content_key = ?1 AND (m.id = ?2 OR m.imposter_of = ?2)
                LIMIT 1
                """)
            byContentKey = try db.cachedStatement(sql: """
                SELECT id, synthetic_id, content_key FROM (
                    SELECT id, synthetic_id, content_key FROM message WHERE content_key = ?1 AND imposter_of IS NULL
                    UNION ALL
                    SELECT m.id, m.synthetic_id, m.content_key FROM message_copy c JOIN message m ON m.id = c.message
                    WHERE c.content_key = ?1 AND m.imposter_of IS NULL)
                ORDER BY id LIMIT 1
                """)
            insertCopy = try db.cachedStatement(sql: "INSERT OR IGNORE INTO message_copy (content_key, message) VALUES (?, ?)")
            deleteCopies = try db.cachedStatement(sql: "DELETE FROM message_copy WHERE message = ?")
            comparable = try db.cachedStatement(sql: "SELECT from_address, normalized_subject, text FROM message WHERE id = ?")
            insertMessage = try db.cachedStatement(sql: """
                INSERT INTO message (message_id, synthetic_id, list_id, date, date_source, from_name, from_address,
                    participant_id, organization_id, subject, normalized_subject, tags, text, authored_text, quoted_text,
                    defects, source_id, offset, length, content_key, quote_name, quote_address, quote_minute, quote_zoned, quote_second,
                    text_marks, quote_layout, signature_text, from_rewritten, authored_words, subject_inherited, mime_facts, imposter_of)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            updateMessage = try db.cachedStatement(sql: """
                UPDATE message SET message_id = ?, synthetic_id = ?, list_id = ?, date = ?, date_source = ?, from_name = ?,
                    from_address = ?, participant_id = ?, organization_id = ?, subject = ?, normalized_subject = ?, tags = ?,
                    text = ?, authored_text = ?, quoted_text = ?, defects = ?, source_id = ?, offset = ?, length = ?,
                    content_key = ?, quote_name = ?, quote_address = ?, quote_minute = ?, quote_zoned = ?, quote_second = ?,
                    text_marks = ?, quote_layout = ?, signature_text = ?, from_rewritten = ?, authored_words = ?, subject_inherited = ?,
                    mime_facts = ?
                WHERE id = ?
                """)
            // What the index holds of a message: `message_search`, its external content.
            ftsValues = try db.cachedStatement(sql: "SELECT subject, authored_text, quoted_text FROM message_search WHERE id = ?")
            referencedSubject = try db.cachedStatement(sql: "SELECT subject FROM message WHERE message_id = ? AND imposter_of IS NULL")
            // An external-content FTS5 table forgets a row when told its old values ('delete').
            deleteFTS = try db.cachedStatement(sql: """
                INSERT INTO message_fts (message_fts, rowid, subject, authored_text, quoted_text) VALUES ('delete', ?, ?, ?, ?)
                """)
            insertFTS = try db.cachedStatement(sql:
                "INSERT INTO message_fts (rowid, subject, authored_text, quoted_text) VALUES (?, ?, ?, ?)")
            deleteRecipients = try db.cachedStatement(sql: "DELETE FROM recipient WHERE message_id = ?")
            deleteRefs = try db.cachedStatement(sql: "DELETE FROM message_ref WHERE message_id = ?")
            deleteConversations = try db.cachedStatement(sql: "DELETE FROM message_conversation WHERE message = ?")
            insertConversation = try db.cachedStatement(sql:
                "INSERT OR IGNORE INTO message_conversation (message, kind, conversation, key) VALUES (?, ?, ?, ?)")
            insertRecipient = try db.cachedStatement(sql:
                "INSERT OR IGNORE INTO recipient (message_id, kind, position, name, address) VALUES (?, ?, ?, ?, ?)")
            insertRef = try db.cachedStatement(sql:
                "INSERT OR IGNORE INTO message_ref (message_id, kind, position, ref) VALUES (?, ?, ?, ?)")
            deleteQuoteSources = try db.cachedStatement(sql: "DELETE FROM quote_source WHERE message = ?")
            forgetQuotePass = try db.cachedStatement(sql: "DELETE FROM message_quote_pass WHERE message = ?")
            insertSender = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO sender (participant_id, name, address, folded_name, folded_address) VALUES (?, ?, ?, ?, ?)
                """)
            insertQuarantine = try db.cachedStatement(sql:
                "INSERT OR IGNORE INTO quarantine (source_id, offset, length, reason) VALUES (?, ?, ?, ?)")
        }
    }

    /// ``Deduplication``'s lookups, answered inside the batch's transaction.
    private struct Lookup: StoredCopyLookup {
        let s: Statements
        init(_ s: Statements) { self.s = s }

        func holder(ofMessageID messageID: String) throws -> StoredCopy? {
            try Row.fetchOne(s.holder, arguments: [messageID]).map { StoredCopy(key: $0[0], synthetic: $0[1], contentKey: $0[2]) }
        }
        func idHolderOrImposter(_ key: Int64, hasContentKey contentKey: String) throws -> Bool {
            try Bool.fetchOne(s.hasContentKey, arguments: [contentKey, key]) == true
        }
        func copy(withContentKey contentKey: String) throws -> StoredCopy? {
            try Row.fetchOne(s.byContentKey, arguments: [contentKey]).map { StoredCopy(key: $0[0], synthetic: $0[1], contentKey: $0[2]) }
        }
        func comparable(_ key: Int64) throws -> (fromAddress: String?, normalizedSubject: String, text: String) {
            guard let row = try Row.fetchOne(s.comparable, arguments: [key]) else { return (nil, "", "") }
            return (row[0], row[1], row[2])
        }
    }

    /// Turns the list's subject threading on or off; a change sends its messages back to the threading pass.
    private func setSubjectThreading(_ db: Database, list: String, on: Bool) throws {
        let id = try lists[list] ?? remember(try idFor(db, table: "list", column: "name", value: list)) { lists[list] = $0 }
        try db.execute(sql: "UPDATE list SET subject_threading = ? WHERE id = ? AND subject_threading <> ?", arguments: [on, id, on])
        if db.changesCount > 0 {
            try SQLiteStore.unpublishThreads(db, of: "SELECT id FROM message WHERE list_id = ?", arguments: [id])
        }
    }

    /// Records `file` as read to its end (SQLite integers are signed: the hashes keep their bits).
    func record(_ file: StoredSourceFile) throws {
        let f = file.fingerprint
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO source_file (path, size, modified, head_hash, tail_hash, content_hash, resume_offset, read_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, datetime('now'))
                ON CONFLICT(path) DO UPDATE SET size = excluded.size, modified = excluded.modified, head_hash = excluded.head_hash,
                    tail_hash = excluded.tail_hash, content_hash = excluded.content_hash, resume_offset = excluded.resume_offset,
                    read_at = excluded.read_at
                """, arguments: [file.path, f.size, f.modified, Int64(bitPattern: f.head), Int64(bitPattern: f.tail),
                                 Int64(bitPattern: f.content), file.resumeOffset])
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

    /// Where ``columns(_:_:sourceID:list:imposterOf:subjectInherited:)`` puts the sender.
    private static let fromNameColumn = 5, fromAddressColumn = 6, participantColumn = 7

    /// The column values of `a`, in the order of ``Statements/insertMessage`` (and ``Statements/updateMessage``).
    private func columns(_ db: Database, _ a: AnalyzedMessage, sourceID: Int64, list: String?, imposterOf: Int64?,
                         subjectInherited: Bool) throws -> [(any DatabaseValueConvertible)?] {
        let m = a.message
        let listID = try list.map { name in
            try lists[name] ?? remember(try idFor(db, table: "list", column: "name", value: name)) { lists[name] = $0 }
        }
        let organizationID = try a.organization.map { name in
            try organizations[name]
                ?? remember(try idFor(db, table: "organization", column: "name", value: name)) { organizations[name] = $0 }
        }
        let participantID = try a.participantKey.map { key in
            // A rewritten From's author (DMARC undone) is the participant; the message keeps its From as written.
            try participant(db, key: key, name: Identity.cleanName(a.author?.name ?? m.from?.name),
                            address: a.author.map { $0.address ?? key } ?? m.from?.address ?? key, organizationID: organizationID)
        }
        var defects = m.defects.map(\.rawValue)
        if imposterOf != nil { defects.append(MailDefect.reusedMessageID.rawValue) }
        return [
            m.messageID, m.messageIDIsSynthetic, listID, m.date?.epochSeconds, m.dateSource.rawValue,
            Identity.cleanName(m.from?.name), m.from?.address, participantID, organizationID,
            m.subject, a.normalizedSubject, JSONColumn.array(a.tags), m.text, a.quoted.authored, a.quoted.quoted,
            JSONColumn.array(defects), sourceID, a.raw.offset, a.raw.length, a.contentKey,
            a.quoteAttribution?.name?.lowercased(), a.quoteAttribution?.address,
            a.quoteClock?.minute, a.quoteAttribution.map { _ in a.quoteClock?.zoned ?? false }, a.quoteClock?.second,
            TextMark.encode(m.textMarks), a.quoteLayout?.encoded(), a.quoteLayout == nil ? nil : QuoteLayout.signatureText(of: a.segments),
            a.author?.source.rawValue, a.quoted.authoredWords, subjectInherited, MIMEFacts(m.mime).rawValue,
        ]
    }

    /// Whether `a`'s subject is inherited (``Subject/isInherited(_:referenced:)``): a reply's, or that
    /// of a stored message its headers name (the nearest first).
    private func inheritsSubject(_ s: Statements, _ a: AnalyzedMessage) throws -> Bool {
        let m = a.message
        if Subject.isReply(m.subject) { return true }
        for ref in m.inReplyTo + m.references.reversed() {
            if let subject = try String.fetchOne(s.referencedSubject, arguments: [ref]),
               Subject.isInherited(m.subject, referenced: [subject]) { return true }
        }
        return false
    }

    private func insert(_ db: Database, _ s: Statements, _ a: AnalyzedMessage, sourceID: Int64, list: String?, imposterOf: Int64?) throws {
        let inherited = try inheritsSubject(s, a)
        var values = try columns(db, a, sourceID: sourceID, list: list, imposterOf: imposterOf, subjectInherited: inherited)
        // The index holds what `message_search` shows: no subject when it is inherited.
        let subject = inherited ? "" : a.message.subject
        values.append(imposterOf)
        try s.insertMessage.execute(arguments: StatementArguments(values))
        let rowID = db.lastInsertedRowID
        try noteSender(s, values)
        try s.insertFTS.execute(arguments: [rowID, subject, a.quoted.authored, a.quoted.quoted])
        try insertAddressesAndRefs(s, a, rowID: rowID)
    }

    /// The stored message `key` becomes `a`, keeping its key (so links to it hold) and its imposter
    /// standing. Its thread's messages wait for the threading pass (``SQLiteStore/unpublishThreads(_:of:)``).
    private func replace(_ db: Database, _ s: Statements, key: Int64, with a: AnalyzedMessage, sourceID: Int64, list: String?) throws {
        try SQLiteStore.unpublishThreads(db, of: "SELECT ?", arguments: [key])
        try s.deleteCopies.execute(arguments: [key])   // copies of what it was, not of what it becomes
        if let old = try Row.fetchOne(s.ftsValues, arguments: [key]) {
            try s.deleteFTS.execute(arguments: [key, old[0] as String, old[1] as String, old[2] as String])
        }
        let inherited = try inheritsSubject(s, a)
        var values = try columns(db, a, sourceID: sourceID, list: list, imposterOf: nil, subjectInherited: inherited)
        let subject = inherited ? "" : a.message.subject
        values.append(key)
        try s.updateMessage.execute(arguments: StatementArguments(values))
        try noteSender(s, values)
        try s.insertFTS.execute(arguments: [key, subject, a.quoted.authored, a.quoted.quoted])
        try s.deleteRecipients.execute(arguments: [key])
        try s.deleteRefs.execute(arguments: [key])
        try s.deleteConversations.execute(arguments: [key])
        try s.deleteQuoteSources.execute(arguments: [key])
        try s.forgetQuotePass.execute(arguments: [key])
        try insertAddressesAndRefs(s, a, rowID: key)
    }

    /// A participant's name and address as one of its messages has them.
    private struct Sender: Hashable {
        var participant: Int64
        var name: String
        var address: String
    }

    /// The message's sender in `sender` (what `from:` and `person:` search), once; `values` are
    /// the message's ``columns(_:_:sourceID:list:imposterOf:subjectInherited:)``.
    private func noteSender(_ s: Statements, _ values: [(any DatabaseValueConvertible)?]) throws {
        guard let participant = values[Self.participantColumn] as? Int64 else { return }
        let sender = Sender(participant: participant, name: values[Self.fromNameColumn] as? String ?? "",
                            address: values[Self.fromAddressColumn] as? String ?? "")
        guard senders.insert(sender).inserted else { return }
        try s.insertSender.execute(arguments: [sender.participant, sender.name, sender.address,
                                               sender.name.folded, sender.address.folded])
    }

    private func insertAddressesAndRefs(_ s: Statements, _ a: AnalyzedMessage, rowID: Int64) throws {
        let m = a.message
        for (kind, list) in [("to", m.to), ("cc", m.cc)] {
            for (i, r) in list.enumerated() {
                try s.insertRecipient.execute(arguments: [rowID, kind, i, r.name, r.address])
            }
        }
        for (kind, ids) in [("in-reply-to", m.inReplyTo), ("references", m.references)] {
            for (i, ref) in ids.enumerated() { try s.insertRef.execute(arguments: [rowID, kind, i, ref]) }
        }
        if let index = m.threadIndex {
            try s.insertConversation.execute(arguments: [rowID, "thread-index", index.conversation, index.key])
        }
        if let thread = m.gmailThreadID { try s.insertConversation.execute(arguments: [rowID, "gm-thread", thread, nil]) }
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
