import Foundation
import GRDB
import Testing
@testable import ListLensIndex
@testable import ListLensSQLite
import ListLensTestSupport

/// Issue 9: what was imported can be taken out again, leaving the store an import without it gives.
@Suite("Removing what was imported")
struct RemovalTests {
    /// What a reader sees of a store, without row ids or import times.
    func view(_ store: SQLiteStore) throws -> [String] {
        var lines = try store.exportedMessages().map { m in
            [m.messageID, m.list ?? "-", m.threadID ?? "-", m.parent ?? "-", m.participant ?? "-",
             m.organization ?? "-", m.defects.joined(separator: ",")].joined(separator: " ")
        }
        let report = try OrganizationReport.build(store: store)
        lines += report.rows.map { "org \($0.organization ?? "-") \($0.messages) \($0.people) \($0.threadsStarted)" }
        lines += try Searcher(store: store).search(try SearchQuery.parse("the"), limit: 100).map { "hit \($0.messageID)" }
        let counts = try store.counts()
        lines.append("counts \(counts.messages) \(counts.threads)")
        // Quote links, by Message-ID (keys differ between stores), and nothing left of removed messages.
        lines += try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.message_id, p.message_id, l.method FROM quote_link l JOIN message c ON c.id = l.child JOIN message p ON p.id = l.parent
                """).map { r in "quote link \(r[0] as String) \(r[1] as String) \(r[2] as String)" }
            + ["quote link orphans \(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM quote_link WHERE child NOT IN (SELECT id FROM message) OR parent NOT IN (SELECT id FROM message)
                """) ?? -1)",
               "quote pass orphans \(try Int.fetchOne(db, sql: "SELECT count(*) FROM message_quote_pass WHERE message NOT IN (SELECT id FROM message)") ?? -1)",
               "conversation orphans \(try Int.fetchOne(db, sql: "SELECT count(*) FROM message_conversation WHERE message NOT IN (SELECT id FROM message)") ?? -1)"]
            + (try Row.fetchAll(db, sql: """
                SELECT m.message_id, c.kind, c.conversation, coalesce(c.key, '-') FROM message_conversation c JOIN message m ON m.id = c.message
                """).map { "conversation \($0[0] as String) \($0[1] as String) \($0[2] as String) \($0[3] as String)" })
            // What from: and person: search: no name or address of a removed message is left.
            + (try Row.fetchAll(db, sql: """
                SELECT p.key, s.name, s.address, s.folded_name, s.folded_address FROM sender s JOIN participant p ON p.id = s.participant_id
                """).map { "sender \($0[0] as String) \($0[1] as String) \($0[2] as String) \($0[3] as String) \($0[4] as String)" })
        }
        return lines.sorted()
    }

    @Test("removing a file leaves what importing the rest alone gives: messages, threads, reports, search")
    func removeFile() throws {
        let sample = Fixtures.sample
        let rest = ["dedup/copy-direct.eml", "dedup/imposter-1.eml", "dedup/imposter-2.eml", "dedup/imposter-reply.eml"].map(Fixtures.path)
        let (both, c1) = try ThrowawayStore.fresh()
        defer { c1() }
        _ = try Importer(store: both).run(paths: [sample] + rest)
        let summary = try Remover(store: both).run([sample])
        #expect(summary.messages == 10 && summary.unmatched.isEmpty)
        #expect(summary.threading?.ran == true)

        let (only, c2) = try ThrowawayStore.fresh()
        defer { c2() }
        _ = try Importer(store: only).run(paths: rest)
        #expect(try view(both) == view(only))
        #expect(try view(only).contains { $0.hasPrefix("hit ") }, "the search part of the view finds something")
        try both.write { db in
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            try db.execute(sql: "INSERT INTO message_fts(message_fts) VALUES ('integrity-check')")
            try db.execute(sql: "INSERT INTO sender_text(sender_text) VALUES ('integrity-check')")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM source") == rest.count)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM participant WHERE key LIKE '%example.com' AND key NOT LIKE 'carl%'") == 0)
        }
        // And importing it again brings back what there was.
        _ = try Importer(store: both).run(paths: [sample])
        let (again, c3) = try ThrowawayStore.fresh()
        defer { c3() }
        _ = try Importer(store: again).run(paths: [sample] + rest)
        #expect(try view(both) == view(again))
    }

    @Test("removing messages placed by Thread-Index and X-GM-THRID leaves no conversation rows, and their replies' links go")
    func removeConversations() throws {
        let sample = Fixtures.sample, conversations = Fixtures.path("threading/conversations/conversations.mbox")
        let (both, c1) = try ThrowawayStore.fresh()
        defer { c1() }
        _ = try Importer(store: both).run(paths: [sample, conversations])
        #expect(try view(both).contains { $0.hasPrefix("conversation reply-1@fabrikam.example thread-index ") })
        let summary = try Remover(store: both).run([conversations])
        #expect(summary.messages == 10)
        let (only, c2) = try ThrowawayStore.fresh()
        defer { c2() }
        _ = try Importer(store: only).run(paths: [sample])
        #expect(try view(both) == view(only))
    }

    @Test("removing a message whose Message-ID an imposter reuses hands the id to the imposter")
    func removeHolder() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let first = Fixtures.path("dedup/imposter-1.eml"), second = Fixtures.path("dedup/imposter-2.eml")
        _ = try Importer(store: store).run(paths: [first, second])
        let removed = try Remover(store: store).run([first])
        #expect(removed.messages == 1)
        let (secondOnly, c2) = try ThrowawayStore.fresh()
        defer { c2() }
        _ = try Importer(store: secondOnly).run(paths: [second])
        #expect(try view(store) == view(secondOnly), "no defect left, the id held")
        let back = try Importer(store: store).run(paths: [first])
        #expect(back.imposters == 1, "the first one, back, is now the imposter")
    }

    @Test("a Message-ID, with or without <>, removes that message and its imposters; an unknown target is reported")
    func removeByID() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [Fixtures.sample] + ["dedup/imposter-1.eml", "dedup/imposter-2.eml"].map(Fixtures.path))
        let before = try store.counts().messages
        let summary = try Remover(store: store).run(["<reused@example.org>", "nobody@example.invalid", "no-such-file.mbox"])
        #expect(summary.messages == 2)
        #expect(summary.unmatched == ["nobody@example.invalid", "no-such-file.mbox"])
        #expect(try store.counts().messages == before - 2)
        #expect(Remover.target("reused@example.org") == .messageID("reused@example.org"))
        #expect(Remover.target("<a@b>") == .messageID("a@b"))
        if case .source(let path) = Remover.target("x.mbox") { #expect(path.hasPrefix("/") && path.hasSuffix("/x.mbox")) } else { Issue.record("a path") }
    }
}
