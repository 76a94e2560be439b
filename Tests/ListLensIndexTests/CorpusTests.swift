import Foundation
import Testing
@testable import ListLensIndex
import ListLensSQLite
import ListLensTestSupport
import GRDB

/// Imports real archives from $LISTLENS_CORPORA and checks the result against the archives themselves.
@Suite("Real archives", .enabled(if: Fixtures.corpora != nil, "LISTLENS_CORPORA is not set: real-archive tests skipped"))
struct CorpusTests {
    @Test("the 248 twisted-python pipermail months: every message once, the same ids Python's email package finds, threads from headers and from quotes")
    func twistedPipermail() throws {
        let dir = URL(fileURLWithPath: Fixtures.corpora!).appendingPathComponent("twisted-pipermail/twisted-python")   // enabled only when set
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt.gz") }.sorted()
            .map { dir.appendingPathComponent($0).path }
        #expect(files.count == 248)
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let summary = try Importer(store: store).run(paths: files)
        #expect(summary.failures.isEmpty)
        #expect(summary.files == 248)

        // Independent count (grep): separator lines followed by an RFC 5322 field name (printable ASCII but ':').
        var separators = 0
        var candidates = 0
        for f in files {
            let script = "gzip -dc '\(f)' | grep -a -c '^From '; gzip -dc '\(f)' | grep -a -A1 '^From ' | grep -a -c -E '^[!-9;-~]+[[:space:]]*:'"
            // grep exits 1 when it counts nothing; the counts are what matter here.
            let out = try ProcessRunner("/bin/sh").run(["-c", script]).stdout.split(separator: "\n")
            candidates += Int(out.first ?? "0") ?? 0
            separators += Int(out.last ?? "0") ?? 0
        }
        // Every separator line followed by a header gives one message: imported, duplicate or quarantined.
        #expect(summary.messagesRead == separators)
        #expect(candidates > separators)   // body lines starting with "From " exist and were not split on

        // Oracle: the distinct Message-IDs Python's mailbox + email packages find.
        let oracle = try ProcessRunner.require("python3", [Fixtures.repositoryRoot.appendingPathComponent("scripts/oracle_message_ids.py").path] + files)
        let pythonIDs = Set(oracle.stdout.split(separator: "\n").map(String.init))
        // The stored ids (what export writes as message_id), read without exporting 33,000 bodies.
        let ours = Set(try store.pool.read { db in try String.fetchAll(db, sql: "SELECT message_id FROM message") }
            .filter { !$0.hasSuffix("@listlens.invalid") })
        #expect(pythonIDs.count > 33_000)
        #expect(ours == pythonIDs, "ids only Python found: \(pythonIDs.subtracting(ours).prefix(5)); only ListLens: \(ours.subtracting(pythonIDs).prefix(5))")

        // Sensible answers: glyph writes about Deferreds; twistedmatrix.com is a top organization.
        let hits = try Searcher(store: store).search(SearchQuery.parse("from:glyph deferred"), limit: 50)
        #expect(hits.count == 50)
        #expect(hits.allSatisfy { ($0.from.address ?? "").contains("glyph") || ($0.from.name ?? "").lowercased().contains("glyph") })
        let orgs = try OrganizationReport.build(store: store)
        #expect(orgs.rows.prefix(3).contains { $0.organization == "twistedmatrix.com" })
        // Threads: most replies find their parent from the headers.
        let (linked, replies) = try store.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM message WHERE parent_id IS NOT NULL")!,
             try Int.fetchOne(db, sql: "SELECT count(DISTINCT message_id) FROM message_ref")!)
        }
        #expect(Double(linked) > 0.9 * Double(replies), "\(linked) of \(replies) replies linked")

        // Threading with headers and from quoted text alone, and quote attribution (QuoteThreadingTests).
        // Automated senders flagged, and orgs without them (AutomatedSenderPassTests).
        try AutomatedSenderPassTests.checkTwisted(store, summary)
        try IdentityPassTests.checkTwisted(store, summary)
        try IdentityScoreTests.checkTwisted(store)
        try ReportOracleTests.checkTwisted(store)   // every orgs column, again from the export
        QuoteThreadingTests.check(try QuoteThreadingTests.measure("twisted-python", files, imported: store))

        // Issue 14: the same months again are passed over, none read (the time is printed, not tested).
        let again = try Importer(store: store).run(paths: files)
        print("twisted-python: \(files.count) months imported again: \(again.unchangedFiles) unchanged, \(again.files) read, \(again.messagesRead) messages, \(String(format: "%.2f", again.seconds)) s (debug build)")
        #expect(again.unchangedFiles == summary.files && again.files == 0 && again.messagesRead == 0)
        #expect(try store.counts().messages == summary.imported)
    }

    /// The broken messages issue 3 names: each shows its defects in `inspect`, and nothing is dropped.
    @Test("broken messages in the corpora carry their defects", arguments: [
        ("grimoirelab-perceval/tests/data/mbox/mbox_no_fields.mbox", ["missing-date", "invalid-message-id", "invalid-date"]),
        ("notmuch-test-corpora/test/corpora/broken/broken-cc", ["duplicate-header"]),
        ("notmuch-test-corpora/test/corpora/broken/empty-part", ["empty-embedded-message"]),
        ("hyperkitty-testdata/hyperkitty/tests/testdata/wrong-in-reply-to-header.txt", ["invalid-references"]),
    ])
    func brokenMessages(file: String, expected: [String]) throws {
        let path = URL(fileURLWithPath: Fixtures.corpora!).appendingPathComponent(file).path   // enabled only when set
        var defects = Set<String>()
        var messages: [ExportedMessage] = []
        try Inspector().inspect(path: path) { m in
            defects.formUnion(m.defects)
            messages.append(m)
        }
        #expect(!messages.isEmpty)
        for d in expected { #expect(defects.contains(d), "\(file): \(d) not among \(defects.sorted())") }
        if file.hasSuffix("broken-cc") {
            #expect(messages[0].cc.map(\.address) == ["bob@example.org", "charles@example.org"])
        }
    }
}
