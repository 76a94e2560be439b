import Foundation
import GRDB
import Testing
@testable import ListLensIndex
import ListLensMail
@testable import ListLensSQLite
import ListLensTestSupport

/// What an HTML body's own structure says, from import to export: `fixtures/html-structure/thread.mbox`
/// holds a plain message, a Thunderbird-style HTML reply whose attribution line no rule reads and whose
/// blockquote cites the first message, and an Outlook HTML reply with a Czech header block, no
/// threading headers and a disclaimer after the element that holds its quote.
@Suite("HTML structure in the store")
struct HTMLStructureTests {
    static let thread = Fixtures.path("html-structure/thread.mbox")

    @Test("marks are stored, and export, the attribution pass and threading read the import's segments")
    func importAndExport() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let summary = try Importer(store: store).run(paths: [Self.thread])
        #expect(summary.imported == 3 && summary.failures.isEmpty)

        let stored = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT message_id, text_marks FROM message ORDER BY id").map { ($0[0] as String, $0[1] as String?) }
        }
        #expect(stored.map(\.0) == ["plan-1@y.example", "plan-2@x.example", "plan-3@z.example"])
        #expect(stored[0].1 == nil, "plain text has no marks")
        #expect(TextMark.decode(stored[1].1).map(\.role) == [.attribution, .cite, .signature, .signature, .signature])
        #expect(TextMark.decode(stored[2].1).map(\.role) == [.headerBlock, .headerBlock, .headerBlock])

        let exported = try store.exportedMessages()
        try #require(exported.count == 3)
        let ann = exported[1]
        func shape(_ m: ExportedMessage) -> [String] { (m.segments ?? []).map { "\($0.kind)\($0.depth)" } }
        #expect(shape(ann) == ["attribution0", "quoted1", "authored0", "signature0"])
        let quote = try #require(ann.segments?[1])
        #expect(quote.attribution?.messageID == "plan-1@y.example")
        #expect(quote.source == .init(messageID: "plan-1@y.example", participant: "bo@y.example", confidence: 1, method: "cite"))
        #expect(ann.authoredText == "Monday works for the documentation team; we will publish the release notes the same day.")

        let carl = exported[2]
        #expect(shape(carl) == ["authored0", "attribution0", "quoted1", "signature0"], "the disclaimer is outside the quote")
        #expect(carl.segments?[1].attribution?.form == "header-block")
        #expect(carl.segments?[1].attribution?.address == "ann@x.example")
        #expect(carl.parent == "plan-2@x.example" && carl.parentMethod == "quote", "threaded by the quote under the header block")
        #expect(carl.segments?[2].source?.messageID == "plan-2@x.example")
        #expect(carl.authoredText == "Support will staff the help desk from Monday morning.")
        #expect(carl.text.contains("\n> Monday works for the documentation team"), "the quote is a `>` level in the reader's text")
    }

    @Test("v9 adds text_marks to a store an older ListLens left; its messages, without marks, still export")
    func migration() throws {
        let dir = try TemporaryDirectory()
        let path = try oldStore(in: dir, upTo: "v8-quote-pass") { db in
            try db.execute(sql: "INSERT INTO source (path, format, compressed, size, imported_at) VALUES ('a.mbox', 'mbox', 0, 1, '')")
            try db.execute(sql: """
                INSERT INTO message (message_id, synthetic_id, date_source, subject, normalized_subject, tags,
                    text, authored_text, quoted_text, defects, source_id, offset, length)
                VALUES ('old@x.example', 0, 'header', 's', 's', '[]', 'Old words.', 'Old words.', '', '[]', 1, 0, 1)
                """)
            try db.execute(sql: "INSERT INTO quote_source (message, segment, source, confidence, method) VALUES (1, 2, NULL, NULL, 'unknown')")
        }
        let store = try SQLiteStore(path: path)
        try store.read { db in
            let marks = try Row.fetchAll(db, sql: "SELECT text_marks FROM message").map { $0[0] as String? }
            #expect(marks == [nil])
            // quote_source is rebuilt for its new CHECK: its rows stay, and so does its index.
            let sources = try Row.fetchAll(db, sql: "SELECT message, segment, method FROM quote_source")
            #expect(sources.map { "\($0[0] as Int) \($0[1] as Int) \($0[2] as String)" } == ["1 2 unknown"])
            let indexes = try db.indexes(on: "quote_source").map(\.name)
            #expect(indexes.contains("quote_source_source"))
            let broken = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            #expect(broken.isEmpty)
        }
        _ = try Importer(store: store).run(paths: [Self.thread])
        let exported = try store.exportedMessages()
        #expect(exported.map(\.messageID).sorted() == ["old@x.example", "plan-1@y.example", "plan-2@x.example", "plan-3@z.example"])
        #expect(exported.first { $0.messageID == "old@x.example" }?.segments?.map(\.kind) == ["authored"])
    }
}
