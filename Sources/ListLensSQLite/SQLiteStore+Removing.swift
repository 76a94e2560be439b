import GRDB
import ListLensIndex
import ListLensMail

extension SQLiteStore {
    public func remove(_ target: RemovalTarget) throws -> RemovalCounts {
        try write { db in
            var counts = RemovalCounts()
            try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS removing_message (id INTEGER PRIMARY KEY)")
            try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS removing_source (id INTEGER PRIMARY KEY)")
            defer {
                try? db.execute(sql: "DELETE FROM removing_message")
                try? db.execute(sql: "DELETE FROM removing_source")
            }
            switch target {
            case .source(let path):
                // The file itself, or whatever is stored under it: `path/…` for a folder, `path!…` for a zip's members.
                try db.execute(sql: """
                    INSERT INTO removing_source (id) SELECT id FROM source
                    WHERE path = ?1 OR substr(path, 1, length(?1) + 1) IN (?1 || '/', ?1 || '!')
                    """, arguments: [path])
                try db.execute(sql: """
                    INSERT INTO removing_message (id) SELECT id FROM message WHERE source_id IN (SELECT id FROM removing_source)
                    """)
            case .messageID(let id):
                // The holder of the id (through its index, which holds no imposter), then its imposters.
                try db.execute(sql: """
                    INSERT INTO removing_message (id) SELECT id FROM message WHERE message_id = ? AND imposter_of IS NULL
                    """, arguments: [id])
                try db.execute(sql: """
                    INSERT INTO removing_message (id) SELECT id FROM message WHERE imposter_of IN (SELECT id FROM removing_message)
                    """)
            }
            counts.messages = try Int.fetchOne(db, sql: "SELECT count(*) FROM removing_message") ?? 0
            if counts.messages > 0 { try removeMessages(db) }
            if case .source = target {
                try db.execute(sql: "DELETE FROM quarantine WHERE source_id IN (SELECT id FROM removing_source)")
                counts.quarantined = db.changesCount
                // A source keeps its row while another source's message still points at it (never, today).
                try db.execute(sql: """
                    DELETE FROM source WHERE id IN (SELECT id FROM removing_source)
                        AND NOT EXISTS (SELECT 1 FROM message WHERE source_id = source.id)
                    """)
                counts.sources = db.changesCount
            }
            // What was taken out may have had copies in other files, passed over as duplicates when
            // they were read: every file is read again by the next import (SourceFileStore).
            if counts.messages + counts.quarantined + counts.sources > 0 { try db.execute(sql: "DELETE FROM source_file") }
            return counts
        }
    }

    /// Removes the messages in `removing_message` and what hangs on them.
    private func removeMessages(_ db: Database) throws {
        let removing = "SELECT id FROM removing_message"
        // Readers stop seeing the threads these messages are in until the pass has rebuilt them.
        try Self.unpublishThreads(db, of: removing)
        // An external-content FTS5 table forgets a row when told its old values.
        try db.execute(sql: """
            INSERT INTO message_fts (message_fts, rowid, subject, authored_text, quoted_text)
            SELECT 'delete', id, subject, authored_text, quoted_text FROM message_search WHERE id IN (\(removing))
            """)
        try db.execute(sql: "DELETE FROM recipient WHERE message_id IN (\(removing))")
        try db.execute(sql: "DELETE FROM message_copy WHERE message IN (\(removing))")
        try db.execute(sql: "DELETE FROM message_ref WHERE message_id IN (\(removing))")
        try db.execute(sql: "DELETE FROM message_conversation WHERE message IN (\(removing))")
        try db.execute(sql: "DELETE FROM quote_link WHERE child IN (\(removing)) OR parent IN (\(removing))")
        // Quotes that named a removed message as their source wait to be attributed again.
        try db.execute(sql: """
            DELETE FROM message_quote_pass WHERE message IN (SELECT message FROM quote_source WHERE source IN (\(removing)))
            """)
        try db.execute(sql: "DELETE FROM quote_source WHERE message IN (\(removing)) OR source IN (\(removing))")
        try db.execute(sql: "DELETE FROM message_quote_pass WHERE message IN (\(removing))")
        try db.execute(sql: """
            UPDATE message SET parent_id = NULL, parent_method = NULL, parent_confidence = NULL
            WHERE parent_id IN (\(removing)) AND id NOT IN (\(removing))
            """)
        // An imposter whose first message goes takes over the Message-ID: the oldest one left holds it,
        // without the defect, and the others become its imposters. The heir points at itself until
        // the holder is gone (the id is unique among messages that are no imposter).
        let heirs = try Row.fetchAll(db, sql: """
            SELECT imposter_of, min(id) FROM message
            WHERE imposter_of IN (\(removing)) AND id NOT IN (\(removing)) GROUP BY imposter_of
            """).map { (old: $0[0] as Int64, heir: $0[1] as Int64) }
        for h in heirs {
            try db.execute(sql: "UPDATE message SET imposter_of = ? WHERE imposter_of = ?", arguments: [h.heir, h.old])
            try Self.unpublishThreads(db, of: "SELECT ?", arguments: [h.heir])   // its thread key changes
        }
        let senders = try Int64.fetchAll(db, sql: """
            SELECT DISTINCT participant_id FROM message WHERE id IN (\(removing)) AND participant_id IS NOT NULL
            """)
        try db.execute(sql: "DELETE FROM message WHERE id IN (\(removing))")
        // Names and addresses no message of their participant has any more stop finding it (`person:`).
        try db.execute(sql: """
            DELETE FROM sender WHERE participant_id IN (SELECT value FROM json_each(?)) AND NOT EXISTS (
                SELECT 1 FROM message m WHERE m.participant_id = sender.participant_id
                    AND COALESCE(m.from_name, '') = sender.name AND COALESCE(m.from_address, '') = sender.address)
            """, arguments: [JSONColumn.ids(senders)])
        for h in heirs {
            try db.execute(sql: """
                UPDATE message SET imposter_of = NULL,
                    defects = (SELECT json_group_array(value) FROM json_each(message.defects) WHERE value != ?)
                WHERE id = ?
                """, arguments: [MailDefect.reusedMessageID.rawValue, h.heir])
        }
        try db.execute(sql: """
            DELETE FROM address WHERE participant_id NOT IN (SELECT participant_id FROM message WHERE participant_id IS NOT NULL)
            """)
        try db.execute(sql: "DELETE FROM participant WHERE id NOT IN (SELECT participant_id FROM message WHERE participant_id IS NOT NULL)")
        try db.execute(sql: """
            DELETE FROM organization WHERE id NOT IN (SELECT organization_id FROM message WHERE organization_id IS NOT NULL)
                AND id NOT IN (SELECT organization_id FROM participant WHERE organization_id IS NOT NULL)
            """)
        // A list no message is in goes, and its footer with it.
        try db.execute(sql: "DELETE FROM list_footer WHERE list_id NOT IN (SELECT list_id FROM message WHERE list_id IS NOT NULL)")
        try db.execute(sql: "DELETE FROM list WHERE id NOT IN (SELECT list_id FROM message WHERE list_id IS NOT NULL)")
    }

    /// Takes every message of the threads holding the messages `select` names out of them, and
    /// deletes those threads, in the caller's transaction: readers see neither until the threading
    /// pass has placed the messages again (a reader never counts a thread without its messages).
    static func unpublishThreads(_ db: Database, of select: String, arguments: StatementArguments = []) throws {
        let threads = try Int64.fetchAll(db, sql: """
            SELECT DISTINCT thread_id FROM message WHERE thread_id IS NOT NULL AND id IN (\(select))
            """, arguments: arguments)
        for t in threads {
            try db.execute(sql: "UPDATE message SET thread_id = NULL WHERE thread_id = ?", arguments: [t])
            try db.execute(sql: "DELETE FROM thread WHERE id = ?", arguments: [t])
        }
    }
}
