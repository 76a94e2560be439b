import Foundation
import Testing
@testable import ListLensIndex

@Suite("Import, export, search and reports on the sample archive")
struct ImportTests {
    func exported(_ store: Store) throws -> [String: ExportedMessage] {
        var out: [String: ExportedMessage] = [:]
        try Exporter(store: store).exportJSONLines { line in
            let m = try JSONDecoder().decode(ExportedMessage.self, from: Data(line.utf8))
            out[m.message_id] = m
        }
        return out
    }

    @Test("every message is imported once; re-importing adds nothing")
    func idempotent() throws {
        let (store, cleanup) = try TestPaths.freshStore()
        defer { cleanup() }
        let first = try Importer(store: store).run(paths: [TestPaths.sample])
        #expect(first.imported == 10 && first.duplicates == 0 && first.quarantined == 0 && first.files == 1)
        #expect(first.failures.isEmpty)
        let second = try Importer(store: store).run(paths: [TestPaths.sample])
        #expect(second.imported == 0 && second.duplicates == 10)
        #expect(try store.counts().messages == 10)
        #expect(try store.appliedMigrations() == ["v1-foundation"])
    }

    @Test("a .gz twin of a plain mbox in the same import is read once")
    func compressedTwin() throws {
        let (store, cleanup) = try TestPaths.freshStore()
        defer { cleanup() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("twin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = dir.appendingPathComponent("2026-March.txt")
        try FileManager.default.copyItem(atPath: TestPaths.sample, toPath: plain.path)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-k", "-n", plain.path]
        try p.run()
        p.waitUntilExit()
        let summary = try Importer(store: store).run(paths: [dir.path])
        #expect(summary.files == 1 && summary.sameContentFiles == [plain.path + ".gz"])
        #expect(summary.imported == 10 && summary.duplicates == 0)
    }

    @Test("export carries the contract's fields, threads and parents")
    func export() throws {
        let (store, cleanup) = try TestPaths.freshStore()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [TestPaths.sample])
        let all = try exported(store)
        let tomasz = try #require(all["reply-tomasz-1@eu.nimbus-cloud.example"])
        #expect(tomasz.from.name == "Tomasz Wiśniewski")
        #expect(tomasz.date == "2026-03-02T14:40:00Z")
        #expect(tomasz.parent == "reply-dana-1@openinfra-foundation.example" && tomasz.parent_method == "in-reply-to")
        #expect(tomasz.thread_id == "quota-proposal-1@nimbus-cloud.example")
        #expect(tomasz.organization == "nimbus-cloud.example" && tomasz.list == "cloud-ops")
        #expect(tomasz.tags == ["cloud-ops"])
        #expect(tomasz.authored_text.contains("falls back to the region default"))   // format=flowed joined
        #expect(!tomasz.authored_text.contains("Could the 80% threshold"))
        #expect(tomasz.quoted_text.contains("Could the 80% threshold"))

        // References only (no In-Reply-To): the last known reference is the parent.
        let trial = try #require(all["quota-trial-ken@nimbus-cloud.example"])
        #expect(trial.parent == "CAKen1234@mail.gmail.example" && trial.parent_method == "references")
        #expect(all["CAKen1234@mail.gmail.example"]?.organization == nil)   // webmail

        // The Word HTML reply: three voices, no markup left.
        let word = try #require(all["DM6PR02MB0000WORD@DM6PR02MB0000.namprd02.prod.outlook.example"])
        #expect(word.authored_text.hasPrefix("Thanks Dana. Answering in line"))
        #expect(word.quoted_text.contains("Our draft charter says members are organizations"))
        #expect(!word.text.contains("MsoNormal") && !word.text.contains("Calibri") && !word.text.contains("<p") && !word.text.contains("o:p"))
        #expect(word.parent == "charter-reply-dana@openinfra-foundation.example")

        // No Message-ID: a stable synthetic one, and the defect recorded.
        let reminder = try #require(all.values.first { $0.subject.contains("Reminder") })
        #expect(reminder.message_id.hasSuffix("@listlens.invalid") && reminder.defects.contains("missing-message-id"))

        // Provenance points at the bytes.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: TestPaths.sample))
        let slice = bytes[Int(tomasz.source.offset)..<Int(tomasz.source.offset + tomasz.source.length)]
        #expect(String(decoding: slice, as: UTF8.self).hasPrefix("From tkowalski@eu.nimbus-cloud.example"))
    }

    @Test("search ranks authored text, filters by sender, and ignores quoted text unless asked")
    func search() throws {
        let (store, cleanup) = try TestPaths.freshStore()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [TestPaths.sample])
        let searcher = Searcher(store: store)
        let hits = try searcher.search(SearchQuery.parse("from:priya quota"))
        #expect(Set(hits.map(\.message_id)) == ["quota-proposal-1@nimbus-cloud.example", "quota-trial-ken@nimbus-cloud.example"])
        // "draft charter" appears in Jamey's first message and only quoted in two replies.
        let authored = try searcher.search(SearchQuery.parse("\"draft charter\""))
        #expect(authored.map(\.message_id) == ["charter-1@telco-one.example"])
        let quoted = try searcher.search(SearchQuery.parse("quoted:\"draft charter\""))
        #expect(quoted.count == 2)
        #expect(try searcher.search(SearchQuery.parse("proto*")).count >= 3)
        #expect(throws: SearchQuery.ParseError.self) { try SearchQuery.parse("subjectx:foo") }
    }

    @Test("organization report counts messages, people and threads started")
    func orgs() throws {
        let (store, cleanup) = try TestPaths.freshStore()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [TestPaths.sample])
        let report = try OrganizationReport.build(store: store)
        let nimbus = try #require(report.rows.first { $0.organization == "nimbus-cloud.example" })
        #expect(nimbus.messages == 3 && nimbus.people == 2 && nimbus.threads_started == 1)
        #expect(report.rows.reduce(0) { $0 + $1.messages } == 10)
        #expect(report.rows.contains { $0.organization == nil })
    }
}
