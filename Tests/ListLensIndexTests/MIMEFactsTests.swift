import Foundation
import GRDB
import Testing
import ListLensIndex
import ListLensMail
@testable import ListLensSQLite
import ListLensTestSupport

/// `has:html` and `has:attachment`: what a message's MIME parts hold, kept at import and found again
/// for the messages stored before.
@Suite("MIME facts: has:html and has:attachment")
struct MIMEFactsTests {
    /// A message with an HTML alternative and a PDF attachment.
    static let withAttachment = """
        From: Ann <ann@example.org>
        Message-ID: <facts-1@example.org>
        Date: Mon, 4 Jan 2021 10:00:00 +0000
        Subject: the minutes
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="outer"

        --outer
        Content-Type: multipart/alternative; boundary="inner"

        --inner
        Content-Type: text/plain

        Minutes attached.
        --inner
        Content-Type: text/html

        <p>Minutes attached.</p>
        --inner--
        --outer
        Content-Type: application/pdf
        Content-Disposition: attachment; filename="minutes.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0xLjQK
        --outer--

        """

    static func facts(_ text: String) -> MIMEFacts {
        let bytes = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        return MessageParser().mimeFacts(RawMessage(bytes: bytes, offset: 0, length: Int64(bytes.count)))
    }

    @Test("HTML parts anywhere and parts with a file name or an attachment disposition are facts; a body alone is none")
    func facts() {
        #expect(Self.facts(Self.withAttachment) == [.html, .attachment])
        #expect(Self.facts("From: a@b\nSubject: s\n\nplain words\n").isEmpty)
        #expect(Self.facts("From: a@b\nContent-Type: text/html\n\n<p>hi</p>\n") == .html)
        // A named part is an attachment even inline; a multipart never is.
        #expect(Self.facts("From: a@b\nContent-Type: text/plain; name=\"notes.txt\"\n\nwords\n") == .attachment)
        #expect(Self.facts("From: a@b\nContent-Type: multipart/mixed; boundary=b; name=x\n\n--b\nContent-Type: text/plain\n\nw\n--b--\n").isEmpty)
    }

    @Test("an import keeps the facts; messages stored before are read again from their files; a file gone is unreadable and has: never finds it")
    func backfill() throws {
        let dir = try TemporaryDirectory("mime-facts")
        let sample = dir.file("sample.mbox"), eml = dir.file("minutes.eml")
        try FileManager.default.copyItem(atPath: Fixtures.sample, toPath: sample)
        try Data(Self.withAttachment.utf8).write(to: URL(fileURLWithPath: eml))
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [sample, eml])
        func facts() throws -> [String: Int?] {
            try store.read { db in
                Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT message_id, mime_facts FROM message").map { ($0[0] as String, $0[1] as Int?) })
            }
        }
        let searcher = Searcher(store: store)
        func hits(_ q: String) throws -> Set<String> { Set(try searcher.search(try SearchQuery.parse(q), limit: 1000).map(\.messageID)) }
        let imported = try facts()
        #expect(imported["facts-1@example.org"] == 3)
        #expect(imported.values.allSatisfy { $0 != nil })
        let html = try hits("has:html"), attachment = try hits("has:attachment")
        #expect(html.contains("facts-1@example.org") && html.count > 1, "the sample has HTML mail too")
        #expect(attachment.contains("facts-1@example.org"))

        // What an older store holds: no facts. The pass finds the same ones again, from the files.
        try store.write { db in try db.execute(sql: "UPDATE message SET mime_facts = NULL") }
        let again = try MIMEFactsPass.run(on: store)
        #expect(again == MIMEFactsPass.Report(messages: imported.count, unreadable: 0))
        #expect(try facts() == imported)
        #expect(try MIMEFactsPass.run(on: store) == MIMEFactsPass.Report(), "nothing left to do")

        // A file gone: its messages are unreadable, the others found.
        try store.write { db in try db.execute(sql: "UPDATE message SET mime_facts = NULL") }
        try FileManager.default.removeItem(atPath: eml)
        let gone = try MIMEFactsPass.run(on: store)
        #expect(gone == MIMEFactsPass.Report(messages: imported.count - 1, unreadable: 1))
        #expect(try facts()["facts-1@example.org"] == MIMEFactsPass.unreadable)
        #expect(try hits("has:attachment") == attachment.subtracting(["facts-1@example.org"]))
        #expect(try hits("has:html") == html.subtracting(["facts-1@example.org"]))
    }
}
