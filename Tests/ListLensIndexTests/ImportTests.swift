import Foundation
import Testing
@testable import ListLensIndex
import ListLensSQLite
import ListLensTestSupport

@Suite("Import, export, search and reports on the sample archive")
struct ImportTests {
    func exported(_ store: SQLiteStore) throws -> [String: ExportedMessage] {
        var out: [String: ExportedMessage] = [:]
        try Exporter(store: store).exportJSONLines { line in
            let m = try JSONDecoder().decode(ExportedMessage.self, from: Data(line.utf8))
            out[m.messageID] = m
        }
        return out
    }

    @Test("every message is imported once; re-importing adds nothing, and an unchanged file is not read again")
    func idempotent() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let first = try Importer(store: store).run(paths: [Fixtures.sample])
        #expect(first.imported == 10 && first.duplicates == 0 && first.quarantined == 0 && first.files == 1)
        #expect(first.failures.isEmpty)
        let second = try Importer(store: store).run(paths: [Fixtures.sample])
        #expect(second.imported == 0 && second.duplicates == 0 && second.files == 0 && second.unchangedFiles == 1)
        // The same messages in another file are read, and found stored.
        let tmp = try TemporaryDirectory("import")
        try FileManager.default.copyItem(atPath: Fixtures.sample, toPath: tmp.file("copy.mbox"))
        let copy = try Importer(store: store).run(paths: [tmp.file("copy.mbox")])
        #expect(copy.imported == 0 && copy.duplicates == 10 && copy.files == 1 && copy.unchangedFiles == 0)
        #expect(try store.counts().messages == 10)
        #expect(try store.appliedMigrations() == ["v1-foundation", "v2-passes", "v3-content", "v4-quotes", "v5-shingle-order", "v6-conversations", "v7-fingerprints",
                                                   "v8-quote-pass", "v9-text-marks", "v10-list-footers", "v11-quote-layout", "v12-no-shingle-index", "v13-automated-senders", "v14-persons", "v15-rewritten-senders", "v16-affiliations", "v17-authored-words", "v18-report-index", "v19-report-tables", "v20-report-dirty-months", "v21-sender-index", "v22-quoting-index", "v23-search-tokens", "v24-topics", "v25-search-indexes", "v26-source-files"])
        #expect(first.threading?.ran == true)
        #expect(second.threading?.ran == false, "nothing was added: the threading pass is skipped")
    }

    @Test("a truncated .gz: the messages before the cut are imported, the cut one quarantined, the file named (issue 9)")
    func truncatedArchive() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let dir = try TemporaryDirectory("truncated")
        let plain = dir.file("2026-March.txt")
        try FileManager.default.copyItem(atPath: Fixtures.sample, toPath: plain)
        try ProcessRunner.require("gzip", ["-n", plain])
        let gz = try Data(contentsOf: URL(fileURLWithPath: plain + ".gz"))
        try gz.prefix(gz.count * 3 / 4).write(to: URL(fileURLWithPath: plain + ".gz"))
        let summary = try Importer(store: store).run(paths: [plain + ".gz"])
        #expect(summary.imported > 0 && summary.imported < 10)
        #expect(summary.quarantined == 1, "the message the file stops inside")
        #expect(summary.failures.map(\.code) == [ImportIssue.Code(.truncated)])
    }

    @Test("the threading pass links a reply when its parent arrives later, and rewrites only what changed")
    func threadingPassIsIncremental() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let replies = try Importer(store: store).run(paths: [Fixtures.path("threading/reply-before-parent/replies.mbox")])
        // Both replies are new; they share one thread under the ghost of the missing root.
        #expect(replies.threading == ThreadingPass.Report(ran: true, changedLinks: 2, changedThreads: 1, removedThreads: 0,
                                                          consideredMessages: 2, full: true), "the first run reads everything")
        var m = try exported(store)
        #expect(m["reply-1@example.org"]?.parent == nil)
        #expect(m["reply-2@example.net"]?.parent == "reply-1@example.org")
        #expect(m["reply-1@example.org"]?.threadID == "root@example.org")

        let root = try Importer(store: store).run(paths: [Fixtures.path("threading/reply-before-parent/root.mbox")])
        // The root is new and the first reply gains its parent; the second reply's link and thread stand.
        #expect(root.threading == ThreadingPass.Report(ran: true, changedLinks: 2, changedThreads: 1, removedThreads: 0,
                                                       consideredMessages: 3, full: false), "the root and the thread it joins")
        m = try exported(store)
        #expect(m["reply-1@example.org"]?.parent == "root@example.org")
        #expect(m["reply-1@example.org"]?.parentMethod == "in-reply-to")
        #expect(Set(m.values.map(\.threadID)) == ["root@example.org"])
        #expect(try store.counts().threads == 1)
        let report = try OrganizationReport.build(store: store)
        #expect(report.rows.first { $0.organization == "example.com" }?.threadsStarted == 1, "the root now starts the thread")

        let again = try Importer(store: store).run(paths: [Fixtures.path("threading/reply-before-parent/root.mbox")])
        #expect(again.threading?.ran == false)
    }

    @Test("a reply whose headers name nothing, imported before the message it quotes, is linked by its quote when that arrives")
    func quoteLinkWhenParentArrives() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let reply = try Importer(store: store).run(paths: [Fixtures.path("threading/quote-before-parent/reply.mbox")])
        #expect(reply.imported == 1)
        var m = try exported(store)
        #expect(m["farm-reply@example.net"]?.parent == nil)
        #expect(m["farm-reply@example.net"]?.segments?.contains { $0.source?.method == "unknown" } == true, "its quote's source is not stored yet")

        let root = try Importer(store: store).run(paths: [Fixtures.path("threading/quote-before-parent/root.mbox")])
        #expect(root.threading?.full == false, "the root and what it touches, not the whole store")
        m = try exported(store)
        let linked = try #require(m["farm-reply@example.net"])
        #expect(linked.parent == "farm-root@example.com")
        #expect(linked.parentMethod == "quote" || linked.parentMethod == "attribution")
        #expect(linked.threadID == "farm-root@example.com")
        // Both quoted parts now name the root, whose sender the attribution line named.
        let sources = (linked.segments ?? []).filter { $0.kind == "quoted" }.map { $0.source?.messageID }
        #expect(sources.count == 2 && sources.allSatisfy { $0 == "farm-root@example.com" })

        let again = try Importer(store: store).run(paths: [Fixtures.path("threading/quote-before-parent/root.mbox")])
        #expect(again.threading?.ran == false)
        #expect(try exported(store)["farm-reply@example.net"]?.parent == "farm-root@example.com")
    }

    @Test("a .gz twin of a plain mbox in the same import is read once")
    func compressedTwin() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let dir = try TemporaryDirectory("twin")
        let plain = dir.file("2026-March.txt")
        try FileManager.default.copyItem(atPath: Fixtures.sample, toPath: plain)
        try ProcessRunner.require("gzip", ["-k", "-n", plain])
        let summary = try Importer(store: store).run(paths: [dir.path])
        #expect(summary.files == 1 && summary.sameContentFiles == [plain + ".gz"])
        #expect(summary.imported == 10 && summary.duplicates == 0)
    }

    @Test("export carries the contract's fields, threads and parents")
    func export() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [Fixtures.sample])
        let all = try exported(store)
        let tomasz = try #require(all["reply-tomasz-1@eu.nimbus-cloud.example"])
        #expect(tomasz.from.name == "Tomasz Wiśniewski")
        #expect(tomasz.date == "2026-03-02T14:40:00Z")
        #expect(tomasz.parent == "reply-dana-1@openinfra-foundation.example" && tomasz.parentMethod == "in-reply-to")
        #expect(tomasz.threadID == "quota-proposal-1@nimbus-cloud.example")
        #expect(tomasz.organization == "nimbus-cloud.example" && tomasz.list == "cloud-ops")
        #expect(tomasz.tags == ["cloud-ops"])
        #expect(tomasz.authoredText.contains("falls back to the region default"))   // format=flowed joined
        #expect(!tomasz.authoredText.contains("Could the 80% threshold"))
        #expect(tomasz.quotedText.contains("Could the 80% threshold"))

        // References only (no In-Reply-To): the last known reference is the parent.
        let trial = try #require(all["quota-trial-ken@nimbus-cloud.example"])
        #expect(trial.parent == "CAKen1234@mail.gmail.example" && trial.parentMethod == "references")
        #expect(all["CAKen1234@mail.gmail.example"]?.organization == nil)   // webmail

        // The Word HTML reply: three voices, no markup left.
        let word = try #require(all["DM6PR02MB0000WORD@DM6PR02MB0000.namprd02.prod.outlook.example"])
        #expect(word.authoredText.hasPrefix("Thanks Dana. Answering in line"))
        #expect(word.quotedText.contains("Our draft charter says members are organizations"))
        #expect(!word.text.contains("MsoNormal") && !word.text.contains("Calibri") && !word.text.contains("<p") && !word.text.contains("o:p"))
        #expect(word.parent == "charter-reply-dana@openinfra-foundation.example")

        // No Message-ID: a stable synthetic one, and the defect recorded.
        let reminder = try #require(all.values.first { $0.subject.contains("Reminder") })
        #expect(reminder.messageID.hasSuffix("@listlens.invalid") && reminder.defects.contains("missing-message-id"))

        // Provenance points at the bytes.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Fixtures.sample))
        let slice = bytes[Int(tomasz.source.offset)..<Int(tomasz.source.offset + tomasz.source.length)]
        #expect(String(decoding: slice, as: UTF8.self).hasPrefix("From tkowalski@eu.nimbus-cloud.example"))
    }

    @Test("search ranks authored text, filters by sender, and ignores quoted text unless asked")
    func search() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [Fixtures.sample])
        let searcher = Searcher(store: store)
        let hits = try searcher.search(SearchQuery.parse("from:priya quota"))
        #expect(Set(hits.map(\.messageID)) == ["quota-proposal-1@nimbus-cloud.example", "quota-trial-ken@nimbus-cloud.example"])
        // "draft charter" appears in Jamey's first message and only quoted in two replies.
        let authored = try searcher.search(SearchQuery.parse("\"draft charter\""))
        #expect(authored.map(\.messageID) == ["charter-1@telco-one.example"])
        let quoted = try searcher.search(SearchQuery.parse("quoted:\"draft charter\""))
        #expect(quoted.count == 2)
        #expect(try searcher.search(SearchQuery.parse("proto*")).count >= 3)
        // A name that is not a field is text, found as written.
        #expect(try searcher.search(SearchQuery.parse("subjectx:foo")).isEmpty)
        #expect(throws: QueryParseError.self) { try SearchQuery.parse("quota (from:priya") }
    }

    @Test("organization report counts messages, people and threads started")
    func orgs() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [Fixtures.sample])
        let report = try OrganizationReport.build(store: store)
        let nimbus = try #require(report.rows.first { $0.organization == "nimbus-cloud.example" })
        #expect(nimbus.messages == 3 && nimbus.people == 2 && nimbus.threadsStarted == 1)
        // The list's robot (cloud-ops-owner@) is left out unless asked for.
        #expect(report.rows.reduce(0) { $0 + $1.messages } == 9 && report.leftOut == .init(messages: 1, senders: 1))
        #expect(!report.rows.contains { $0.organization == "openinfra.example" })
        let all = try OrganizationReport.build(store: store, includingAutomated: true)
        #expect(all.rows.reduce(0) { $0 + $1.messages } == 10 && all.rows.contains { $0.organization == "openinfra.example" })
        #expect(report.rows.contains { $0.organization == nil })
    }
}
