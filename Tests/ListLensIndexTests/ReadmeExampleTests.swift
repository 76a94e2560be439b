import Foundation
import ListLensIndex
import ListLensSQLite
import ListLensTestSupport
import Testing

/// The README's "As a library" snippet, as written there (paths made absolute, prints collected).
@Suite("README")
struct ReadmeExampleTests {
    @Test("the README's library example runs as written")
    func libraryExample() throws {
        let readme = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(#"let summary = try Importer(store: store).run(paths: ["fixtures/sample/community-list.mbox"])"#),
                "this test mirrors the README's snippet; change both together")
        let tmp = try TemporaryDirectory("readme")
        var printed: [String] = []
        func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }

        // 1. Open (or create) a store.
        let store = try SQLiteStore(path: tmp.file("cloud-ops.sqlite"))
        // 2. Import archives: files or folders, any format ListLens reads.
        let summary = try Importer(store: store).run(paths: [Fixtures.sample])
        print(summary.imported, summary.quarantined, summary.failures.map(\.reason))
        // 3. Search what people wrote, in the query language of docs/search.md.
        for hit in try Searcher(store: store).search(try SearchQuery.parse("from:priya quota")) {
            print(hit.date ?? "-", hit.from.name ?? "", hit.subject)
        }
        // 4. Report organization involvement.
        for row in try OrganizationReport.build(store: store).rows {
            print(row.organization ?? "(unaffiliated)", row.messages, row.threadsStarted)
        }

        #expect(printed.first == "10 0 []")
        #expect(printed.contains("2026-03-02T09:14:00Z Priya Raman [cloud-ops] Proposal: per-tenant quota alerts"))
        #expect(printed.contains("nimbus-cloud.example 3 1"))
    }
}

