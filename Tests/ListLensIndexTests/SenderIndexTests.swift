import GRDB
import Testing
import ListLensIndex
import ListLensAnalysis
@testable import ListLensSQLite
import ListLensTestSupport

/// `sender`: the names and addresses `from:` and `person:` search, as the messages give them.
@Suite("Senders: what from: and person: search")
struct SenderIndexTests {
    @Test("v25 finds every distinct sender of an older store's messages, folded, and the trigram index finds inside them")
    func migration() throws {
        let dir = try TemporaryDirectory("v24")
        let path = dir.file("old.sqlite")
        var config = Configuration()
        config.prepareDatabase { db in try SQLiteStore.prepareSearch(db) }
        let queue = try DatabaseQueue(path: path, configuration: config)
        var migrator = DatabaseMigrator()
        Migrations.register(in: &migrator)
        try migrator.migrate(queue, upTo: "v24-topics")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO source (path, format, compressed, size, imported_at) VALUES ('a.mbox', 'mbox', 0, 1, '')")
            try db.execute(sql: "INSERT INTO participant (id, key, name) VALUES (1, 'ann@example.org', 'Ann Östlund')")
            // Two messages with one sender, one with another name (none), one without a participant.
            for (i, name, address, participant) in [(1, "'Ann Östlund'", "'Ann@Example.org'", "1"), (2, "'Ann Östlund'", "'Ann@Example.org'", "1"),
                                                    (3, "NULL", "'ann@example.org'", "1"), (4, "'Nobody'", "NULL", "NULL")] {
                try db.execute(sql: """
                    INSERT INTO message (message_id, synthetic_id, date_source, from_name, from_address, participant_id, subject,
                        normalized_subject, tags, text, authored_text, quoted_text, defects, source_id, offset, length)
                    VALUES ('m\(i)@example.org', 0, 'header', \(name), \(address), \(participant), 'S', 'S', '[]', 't', 't', '', '[]', 1, \(i), 1)
                    """)
            }
        }
        let store = try SQLiteStore(path: path)
        try store.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT participant_id, name, address, folded_name, folded_address FROM sender ORDER BY name")
                .map { [String($0[0] as Int64), $0[1], $0[2], $0[3], $0[4]] as [String] }
            #expect(rows == [["1", "", "ann@example.org", "", "ann@example.org"],
                             ["1", "Ann Östlund", "Ann@Example.org", "ann ostlund", "ann@example.org"]])
            #expect(try Int.fetchOne(db, sql: #"SELECT count(*) FROM sender_text WHERE sender_text MATCH '"n ostl"'"#) == 1)
            #expect(try Int.fetchOne(db, sql: #"SELECT count(*) FROM sender_text WHERE sender_text MATCH '"example.org"'"#) == 2)
            let indexes = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'message'"))
            #expect(indexes.isSuperset(of: ["message_narrow", "message_organization_date"]) && !indexes.contains("message_organization"))
        }
    }

    @Test("an import writes each new sender once; from: finds a sender by part of a name, short or not, and person: by any of its senders")
    func importing() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [Fixtures.sample])
        try store.read { db in
            // Exactly the distinct (participant, name, address) of the messages, no more.
            let distinct = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM (SELECT DISTINCT participant_id, COALESCE(from_name, ''), COALESCE(from_address, '')
                                      FROM message WHERE participant_id IS NOT NULL)
                """)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sender") == distinct)
            #expect((distinct ?? 0) > 1)
        }
        try store.write { db in try db.execute(sql: "INSERT INTO sender_text (sender_text) VALUES ('integrity-check')") }
        // Every sender's name and address, searched whole, in part and in two letters, finds exactly its messages.
        let senders = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT DISTINCT from_name, from_address FROM message WHERE thread_id IS NOT NULL")
                .map { (name: $0[0] as String?, address: $0[1] as String?) }
        }
        let searcher = Searcher(store: store)
        for value in senders.flatMap({ [$0.name, $0.address] }).compactMap({ $0 }) {
            for part in [value, String(value.prefix(2)), String(value.dropFirst(1).prefix(4))] where !part.isEmpty && !part.contains("\"") {
                let expected = senders.filter { s in [s.name, s.address].contains { $0.map { $0.folded.contains(part.folded) } ?? false } }.count
                let query = try SearchQuery.parse("from:\"\(part)\"")
                let found = try searcher.search(query, order: .date, limit: 1000)
                let wanted = try store.read { db in
                    try Int.fetchOne(db, sql: """
                        SELECT count(*) FROM message WHERE thread_id IS NOT NULL
                            AND (instr(listlens_fold(from_name), ?) > 0 OR instr(listlens_fold(from_address), ?) > 0)
                        """, arguments: [part.folded, part.folded])
                }
                #expect(found.count == wanted, "from:\"\(part)\"")
                #expect(expected > 0, "from:\"\(part)\" is some sender's")
            }
        }
        // person: is every message of the persons (or lone participants) one of whose messages' senders holds the value.
        for address in Set(senders.compactMap(\.address)) {
            let wanted = try store.read { db in
                try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM message m JOIN participant p ON p.id = m.participant_id
                    WHERE m.thread_id IS NOT NULL AND COALESCE(p.person_id, -p.id) IN (
                        SELECT COALESCE(q.person_id, -q.id) FROM message o JOIN participant q ON q.id = o.participant_id
                        WHERE instr(listlens_fold(o.from_name), ?1) > 0 OR instr(listlens_fold(o.from_address), ?1) > 0)
                    """, arguments: [address.folded])
            }
            let found = try searcher.search(try SearchQuery.parse("person:\"\(address)\""), order: .date, limit: 1000)
            #expect(found.count == wanted && found.count > 0, "person:\(address)")
        }
    }
}
