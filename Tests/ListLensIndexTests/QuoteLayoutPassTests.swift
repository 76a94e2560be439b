import Foundation
import GRDB
@testable import ListLensIndex
@testable import ListLensSQLite
import ListLensTestSupport
import Testing

/// The quote attribution pass reads each message's quotes and its ancestors' own text from the
/// layout the import stored (`v11-quote-layout`); where none is stored (an older store) it segments
/// the text again. Both ways must give the same sources.
@Suite("Quote layout in the attribution pass")
struct QuoteLayoutPassTests {
    /// Every quote source, and how many messages have a stored layout.
    func sources(_ store: SQLiteStore) throws -> (rows: [[String]], layouts: Int) {
        try store.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT message, segment, source, confidence, method FROM quote_source ORDER BY 1, 2")
                .map { row in (0..<5).map { (row[$0] as DatabaseValue).description } }
            return (rows, try Int.fetchOne(db, sql: "SELECT count(*) FROM message WHERE quote_layout IS NOT NULL") ?? 0)
        }
    }

    /// Imports `paths`, then forgets every layout and attributes again: the sources must not move.
    func sameWithoutLayouts(_ paths: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let summary = try Importer(store: store).run(paths: paths)
        let withLayouts = try sources(store)
        #expect(withLayouts.layouts == summary.imported, "every imported message has a layout", sourceLocation: sourceLocation)
        try store.write { db in
            try db.execute(sql: "UPDATE message SET quote_layout = NULL, signature_text = NULL")
            try db.execute(sql: "DELETE FROM message_quote_pass")
        }
        let again = try QuoteAttributionPass.run(on: store)
        #expect(again.messages > 0, sourceLocation: sourceLocation)
        let segmented = try sources(store)
        #expect(segmented.layouts == 0, sourceLocation: sourceLocation)
        #expect(segmented.rows == withLayouts.rows, sourceLocation: sourceLocation)
        return withLayouts.rows.count
    }

    @Test("fixtures: a cited HTML quote, interleaved replies and a list footer give the same sources from layouts as from segmenting")
    func fixtures() throws {
        let n = try sameWithoutLayouts([Fixtures.path("html-structure/thread.mbox"), Fixtures.path("footers/infra-2026-04.mbox"),
                                        Fixtures.sample])
        #expect(n > 5)
    }

    @Test("openbmc: every quote source is the same from stored layouts as from segmenting again",
          .enabled(if: Fixtures.corpora != nil, "LISTLENS_CORPORA is not set: real-archive tests skipped"))
    func openbmc() throws {
        let dir = URL(fileURLWithPath: Fixtures.corpora!).appendingPathComponent("openbmc-public-inbox")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".mbox.gz") }.sorted()
            .map { dir.appendingPathComponent($0).path }
        #expect(try sameWithoutLayouts(files) > 3_000)
    }

    @Test("v11 adds the layout columns to an older store; its messages are attributed by segmenting, new ones by their layout")
    func migration() throws {
        let dir = try TemporaryDirectory()
        let path = try oldStore(in: dir, upTo: "v10-list-footers") { _ in }
        let store = try SQLiteStore(path: path)
        #expect(try store.appliedMigrations().contains("v11-quote-layout"))
        let summary = try Importer(store: store).run(paths: [Fixtures.path("html-structure/thread.mbox")])
        #expect(summary.imported > 0)
        #expect(try sources(store).layouts == summary.imported)
    }
}
