import Foundation
import GRDB
import Testing
@testable import ListLensIndex
import ListLensAnalysis
@testable import ListLensSQLite
import ListLensTestSupport

/// Footers learned per list, from import to search: `fixtures/footers/` holds a groups.io list whose
/// footer no fixed rule knows (it has no `-- ` above it) and a Google Groups list whose footer names
/// each message; every reply quotes its parent with the parent's footer.
@Suite("List footers in the store")
struct ListFooterPassTests {
    static let infra = Fixtures.path("footers/infra-2026-04.mbox")
    static let cloudOps = Fixtures.path("footers/cloud-ops-2026-03.mbox")

    @Test("a list's footer is learned after its import; its messages are segmented again and search no longer finds its words")
    func learnedAndApplied() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let summary = try Importer(store: store).run(paths: [Self.infra, Self.cloudOps])
        #expect(summary.imported == 24)
        // Google Groups puts `-- ` above its footer, so the text rules kept it (and its quoted copies)
        // out of the authored and quoted texts, as the sender's signature: its 12 messages change only
        // in that (the signature text, which the quote attribution pass counts as the sender's own).
        // The groups.io list's 12 change in their authored text.
        #expect(summary.footers == .init(listsLearned: 2, footersChanged: 2, messagesResegmented: 24))
        let states = try store.listFooterStates()
        #expect(states.map(\.name).sorted() == ["cloud-ops", "infra"])
        #expect(states.allSatisfy { $0.learnedFrom == 12 && $0.footer != nil })
        #expect(states.first { $0.name == "infra" }?.footer?.lines.first == "-=-=-=-=-=-=-=-=-=-=-=-")

        let exported = try store.exportedMessages()
        for m in exported {
            #expect(!m.authoredText.contains("Groups.io Links") && !m.quotedText.contains("Groups.io Links"), "\(m.messageID)")
            #expect(!m.authoredText.contains("Google Groups") && !m.quotedText.contains("Google Groups"), "\(m.messageID)")
            #expect(m.segments?.last?.kind == "footer", "\(m.messageID) ends with its list's footer")
        }
        let replies = exported.filter { $0.parent != nil }
        #expect(replies.count == 16)
        #expect(replies.allSatisfy { r in r.segments?.contains { $0.kind == "footer" && $0.depth == 1 } == true }, "the quoted footer is list text too")
        // Quotes still find their sources after the segments moved.
        #expect(replies.allSatisfy { r in r.segments?.contains { $0.kind == "quoted" && $0.source?.method == "ancestor" } == true })
        #expect(try Searcher(store: store).search(try SearchQuery.parse("unsubscribe")).isEmpty)
        #expect(try !Searcher(store: store).search(try SearchQuery.parse("fallback")).isEmpty)
        // The rewritten rows left the index what its content (`message_search`) says.
        try store.pool.write { db in try db.execute(sql: "INSERT INTO message_fts (message_fts) VALUES ('integrity-check')") }
    }

    @Test("re-importing changes nothing; a later month of the list is segmented with its footer as it is imported")
    func laterImports() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [Self.infra])
        let again = try Importer(store: store).run(paths: [Self.infra])
        #expect(again.imported == 0 && again.footers == .init())
        // The same list a month later: new Message-IDs, the same footer.
        let dir = try TemporaryDirectory()
        let may = try dir.write("infra-2026-05.mbox", String(contentsOfFile: Self.infra, encoding: .utf8)
            .replacingOccurrences(of: "<infra-", with: "<infra-may-").replacingOccurrences(of: " Apr ", with: " May "))
        let later = try Importer(store: store).run(paths: [may])
        #expect(later.imported == 12)
        // Learned again (the list doubled), the same footer: nothing to segment again.
        #expect(later.footers == .init(listsLearned: 1, footersChanged: 0, messagesResegmented: 0))
        let new = try store.exportedMessages().filter { $0.messageID.hasPrefix("infra-may-") }
        #expect(new.count == 12)
        #expect(new.allSatisfy { !$0.authoredText.contains("Groups.io Links") && $0.segments?.last?.kind == "footer" })
    }

    @Test("v10 adds list_footer to a store an older ListLens left; its lists are learned on the next import")
    func migration() throws {
        let dir = try TemporaryDirectory()
        let path = try oldStore(in: dir, upTo: "v9-text-marks") { _ in }
        let store = try SQLiteStore(path: path)
        #expect(try store.appliedMigrations().contains("v10-list-footers"))
        let summary = try Importer(store: store).run(paths: [Self.infra])
        #expect(summary.footers?.listsLearned == 1)
    }

    @Test("real archives: no list of openbmc or divunal-author has a footer most of its messages share, so none is learned",
          .enabled(if: Fixtures.corpora != nil, "LISTLENS_CORPORA is not set: real-archive tests skipped"))
    func noFalseFooters() throws {
        let corpora = URL(fileURLWithPath: Fixtures.corpora!)
        let openbmc = try FileManager.default.contentsOfDirectory(atPath: corpora.appendingPathComponent("openbmc-public-inbox").path)
            .filter { $0.hasSuffix(".mbox.gz") }.map { corpora.appendingPathComponent("openbmc-public-inbox/" + $0).path }
        let divunal = corpora.appendingPathComponent("twisted-pipermail/divunal-author").path
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let summary = try Importer(store: store).run(paths: openbmc + [divunal])
        let states = try store.listFooterStates().filter { $0.messages >= ListFooter.Learner.minimumMessages }
        print("list footers: \(states.map { "\($0.name) \($0.messages) messages, \($0.footer == nil ? "no footer" : "footer \($0.footer!.lines)")" })")
        #expect(states.count >= 2)
        #expect(states.allSatisfy { $0.footer == nil && $0.learnedFrom != nil })
        #expect(summary.footers?.messagesResegmented == 0)
    }
}
