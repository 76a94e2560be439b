import Foundation
import Testing
import ListLensIndex
import ListLensMail
import ListLensSQLite
import ListLensTestSupport

/// Every client and archive kind, on small cases written for ListLens (fixtures/README.md), so
/// `swift test` covers them without the corpora. The corpus suites check the same behaviour on
/// real archives.
@Suite("Fixtures: mail clients, HTML archives and broken MIME")
struct FixtureTests {
    static func inspect(_ fixture: String, html: Bool = false) throws -> [ExportedMessage] {
        var out: [ExportedMessage] = []
        try Inspector(preferHTML: html).inspect(path: Fixtures.path(fixture)) { out.append($0) }
        return out
    }

    static func inspect(absolute path: String) throws -> [ExportedMessage] {
        var out: [ExportedMessage] = []
        try Inspector().inspect(path: path) { out.append($0) }
        return out
    }

    static func shape(_ m: ExportedMessage) -> [String] { (m.segments ?? []).map { "\($0.kind)\($0.depth)" } }
    static func text(_ m: ExportedMessage, _ kind: String, _ depth: Int) -> String? {
        (m.segments ?? []).first { $0.kind == kind && $0.depth == depth }?.text
    }

    /// What each client's reply looks like to a reader: who wrote which words, and the line that
    /// introduces the quote. The plain and HTML alternatives of each message must agree.
    @Test("replies from Outlook, Gmail, Apple Mail and Thunderbird: the same structure from the plain and the HTML part", arguments: [
        ("clients/outlook-reply.eml", ["authored0", "signature0", "attribution0", "quoted1"], "Eighty percent works for our tenants as well.", "From: Priya Raman"),
        ("clients/gmail-reply.eml", ["authored0", "attribution0", "quoted1"], "Ninety would suit small tenants better.",
         "On Wed, Mar 4, 2026 at 4:02 PM Priya Raman <priya@nimbus-cloud.example> wrote:"),
        ("clients/apple-mail-reply.eml", ["authored0", "attribution0", "quoted1"], "Let us measure both for a month before we decide.",
         "On Mar 4, 2026, at 16:02, Priya Raman <priya@nimbus-cloud.example> wrote:"),
        ("clients/thunderbird-reply.eml", ["attribution0", "quoted1", "authored0"], "Eighty, and a second one at ninety-five.",
         "On 04/03/2026 12:02, Priya Raman wrote:"),
    ])
    func clientReplies(file: String, shape: [String], authored: String, attribution: String) throws {
        for html in [false, true] {
            let m = try #require(try Self.inspect(file, html: html).first)
            let part = html ? "text/html" : "text/plain"
            #expect(m.mime?.contains { $0.contentType == part && $0.shown } == true, "\(file): the \(part) part is read")
            #expect(Self.shape(m) == shape, "\(file) (\(part))")
            #expect(Self.text(m, "authored", 0)?.hasPrefix(authored) == true, "\(file) (\(part))")
            #expect(Self.text(m, "attribution", 0)?.hasPrefix(attribution) == true, "\(file) (\(part))")
            #expect(Self.text(m, "quoted", 1) == "Should the first warning fire at eighty percent of the quota?", "\(file) (\(part))")
            #expect(m.parent == nil && m.inReplyTo == ["thresholds-1@nimbus-cloud.example"])
            for markup in ["<div", "<p>", "<p ", "<br", "<b>", "<blockquote", "MsoNormal", "o:p", "Calibri", "gmail_quote", "moz-cite-prefix", "Apple-interchange", "\u{00A0}", "&nbsp;"] {
                #expect(!m.text.contains(markup), "\(file) (\(part)): \(markup) left in the text")
            }
        }
    }

    @Test("Outlook's From/Sent/To/Subject block is one attribution, and what follows it is the quoted message")
    func outlookHeaderBlock() throws {
        let m = try #require(try Self.inspect("clients/outlook-reply.eml", html: true).first)
        let block = try #require(Self.text(m, "attribution", 0))
        #expect(block.split(separator: "\n").map { String($0.prefix { $0 != ":" }) } == ["From", "Sent", "To", "Subject"])
        #expect(m.authoredText == "Eighty percent works for our tenants as well.", "Dana, the sender's name, closes it: a signature")
    }

    @Test("a pipermail month: ids from the reply links, parents from thread.html, quotes from the <I> lines")
    func pipermailMonth() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let summary = try Importer(store: store).run(paths: [Fixtures.path("archives/pipermail/demo-list/2026-March")])
        #expect(summary.imported == 3 && summary.indexPages == 1 && summary.failures.isEmpty)
        var byID: [String: ExportedMessage] = [:]
        try store.forEachExportedMessage { byID[$0.messageID] = $0 }
        #expect(Set(byID.keys) == ["key-root@example.com", "key-reply-1@example.org", "key-reply-2@example.net"])
        #expect(byID["key-reply-1@example.org"]?.parent == "key-root@example.com")
        #expect(byID["key-reply-2@example.net"]?.parent == "key-reply-1@example.org")
        #expect(Set(byID.values.map(\.threadID)) == ["key-root@example.com"])
        #expect(byID["key-reply-2@example.net"]?.from == ExportedMessage.Person(name: "Bo Chen", address: "bo@example.net"))
        #expect(byID["key-root@example.com"]?.date == "2026-03-02T09:00:00Z")

        let page = try #require(try Self.inspect("archives/pipermail/demo-list/2026-March/001003.html").first)
        #expect(Self.shape(page) == ["quoted2", "quoted1", "authored0"])
        #expect(Self.text(page, "quoted", 2) == "Our release signing key expires in May.")
        #expect(page.authoredText == "Then I will prepare the new key this week.")
    }

    @Test("an index page named on the command line brings in its message pages; a message page imports itself only")
    func pipermailIndexAndPage() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let one = try Importer(store: store).run(paths: [Fixtures.path("archives/pipermail/demo-list/2026-March/001002.html")])
        #expect(one.imported == 1)
        let all = try Importer(store: store).run(paths: [Fixtures.path("archives/pipermail/demo-list/2026-March/thread.html")])
        #expect(all.imported == 2 && all.duplicates == 0 && all.unchangedFiles == 1, "the page read before is not read again")
    }

    @Test("pipermail's list page brings in the month archives it links; a folder with no mail is a failure (issue 9)")
    func listIndexAndEmptyFolder() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let listPage = try Importer(store: store).run(paths: [Fixtures.path("archives/pipermail/demo-list/index.html")])
        #expect(listPage.imported == 3 && listPage.failures.isEmpty)
        let empty = try TemporaryDirectory("empty")
        let none = try Importer(store: store).run(paths: [empty.path])
        #expect(none.failures.map(\.code) == [ImportIssue.Code(.emptyDirectory)])
        try empty.write("README", "not mail\n")
        let readme = try Importer(store: store).run(paths: [empty.path])
        #expect(readme.failures.map(\.code) == [ImportIssue.Code(.emptyDirectory)] && readme.skippedFiles.count == 1)
        // A folder whose files were all read through another path is not empty.
        let twice = try Importer(store: store).run(paths: [Fixtures.path("mime"), Fixtures.path("mime/bad-base64.eml")])
        #expect(twice.failures.isEmpty)
    }

    @Test("lists are named by List-Id, then List-Post, then the archive's index page, then the list folder above Maildir and month folders (issue 9)")
    func listNames() throws {
        let page = try #require(try Self.inspect("archives/pipermail/demo-list/2026-March/001002.html").first)
        #expect(page.list == "demo-list" && page.listSource == "index-page", "from thread.html's title, not the month folder 2026-March")
        let month = try #require(try Self.inspect("archives/pipermail/demo-list/2026-March.txt").first)
        #expect(month.list == "demo-list" && month.listSource == "index-page", "from the list's index.html")

        // hypermail writes its pages into any folder (`Data`); its index pages carry the -l label.
        let data = try TemporaryDirectory("hypermail")
        let pages = data.url.appendingPathComponent("Data")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.path("archives/hypermail/cf-demo/0001.html"), toPath: pages.appendingPathComponent("0001.html").path)
        let bare = try #require(try Self.inspect(absolute: pages.appendingPathComponent("0001.html").path).first)
        #expect(bare.list == "Data" && bare.listSource == "folder", "without an index page, the folder is all there is")
        try Data("<html><head><title>Archive of demo talk on the CF-Demo mailing list: by thread</title></head><body></body></html>".utf8)
            .write(to: pages.appendingPathComponent("thread.html"))
        let labelled = try #require(try Self.inspect(absolute: pages.appendingPathComponent("0001.html").path).first)
        #expect(labelled.list == "cf-demo" && labelled.listSource == "index-page")
        #expect(ArchiveListName.fromTitle("The Divunal-author May 2012 Archive by thread") == "divunal-author")
        #expect(ArchiveListName.fromTitle("The Divunal-author Archives") == "divunal-author")
        #expect(ArchiveListName.fromTitle("devel: by date") == "devel")
        #expect(ArchiveListName.fromTitle("Mail Index") == nil)
        #expect(ArchiveListName.fromTitle("Some archive of many things: by thread") == nil)
        let sample = try #require(try Self.inspect("sample/community-list.mbox").first)
        #expect(sample.list == "cloud-ops" && sample.listSource == "list-id")
        let tmp = try TemporaryDirectory("maildir")
        let cur = tmp.url.appendingPathComponent("infra/cur")
        try FileManager.default.createDirectory(at: cur, withIntermediateDirectories: true)
        let post = "From: a@example.org\nList-Post: <mailto:Infra-Team@lists.example.org>\nMessage-ID: <p@example.org>\n\nhi\n"
        try Data(post.utf8).write(to: cur.appendingPathComponent("1.eml"))
        try Data("From: a@example.org\nMessage-ID: <q@example.org>\n\nhi\n".utf8).write(to: cur.appendingPathComponent("2.eml"))
        var named: [String: (String?, String?)] = [:]
        for file in ["1.eml", "2.eml"] {
            try Inspector().inspect(path: cur.appendingPathComponent(file).path) { named[$0.messageID] = ($0.list, $0.listSource) }
        }
        #expect(named["p@example.org"]! == ("infra-team", "list-post"))
        #expect(named["q@example.org"]! == ("infra", "folder"), "Maildir's cur is no list")
        #expect(ListNaming.listFolder(of: "/a/twisted-python/2013-July/027159.html") == "twisted-python")
    }

    @Test("hypermail pages: metadata from the comments, `_at_` undone, quotelev spans read as quote depth")
    func hypermail() throws {
        let root = try #require(try Self.inspect("archives/hypermail/cf-demo/0001.html").first)
        #expect(root.messageID == "20260305101500.0001@met.example.no")
        #expect(root.from == ExportedMessage.Person(name: "Jonas Berg", address: "jonas.berg@met.example.no"))
        #expect(root.date == "2026-03-05T09:15:00Z")
        #expect(root.subject == "[CF-demo] Units for precipitation flux")
        let reply = try #require(try Self.inspect("archives/hypermail/cf-demo/0002.html").first)
        #expect(reply.inReplyTo == ["20260305101500.0001@met.example.no"])
        #expect(Self.shape(reply) == ["attribution0", "quoted1", "authored0"])
        #expect(Self.text(reply, "quoted", 1) == "Should precipitation_flux be given in kg m-2 s-1 or in mm per day?")
        #expect(!reply.text.contains("From: Ruth"), "the page's header block is not body text")

        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [Fixtures.path("archives/hypermail/cf-demo")])
        var parents: [String: String?] = [:]
        try store.forEachExportedMessage { parents[$0.messageID] = $0.parent }
        #expect(parents["5E8A1B2C.0002@ocean.example.org"] == "20260305101500.0001@met.example.no")
    }

    @Test("MHonArc pages (made by Debian's mhonarc from source.mbox): the same messages as the mbox")
    func mhonarc() throws {
        var mbox: [String: ExportedMessage] = [:]
        for m in try Self.inspect("archives/mhonarc/source.mbox") { mbox[m.messageID] = m }
        #expect(mbox.count == 2)
        for page in ["msg00000.html", "msg00001.html"] {
            let m = try #require(try Self.inspect("archives/mhonarc/pages/" + page).first)
            let original = try #require(mbox[m.messageID], "\(page): \(m.messageID) is in the mbox")
            #expect(m.from == original.from, "X-From-R13 decodes to the sender")
            #expect(m.date == original.date && m.subject == original.subject && m.inReplyTo == original.inReplyTo)
            #expect(m.segments?.map(\.text) == original.segments?.map(\.text), "\(page): the same segments as the mbox message")
        }
    }

    @Test("broken MIME is read with a defect, never dropped", arguments: [
        ("mime/unclosed-boundary.eml", "close-boundary-not-found", "The second part runs to the end of the message"),
        ("mime/missing-boundary.eml", "missing-boundary", "Without a boundary there are no parts"),
        ("mime/bad-base64.eml", "invalid-base64", "The text survives the bad bytes."),
        ("mime/wrong-charset.eml", "charset-mismatch", "Die Übergabe ist für Donnerstag geplant."),
        ("mime/forwarded-rfc822.eml", "empty-embedded-message", "Forwarding Lena's report for the record."),
    ])
    func brokenMIME(file: String, defect: String, text: String) throws {
        let messages = try Self.inspect(file)
        try #require(messages.count == 1)
        #expect(messages[0].defects.contains(defect), "\(file): \(messages[0].defects)")
        #expect(messages[0].text.contains(text), "\(file)")
        #expect(!messages[0].defects.contains { $0.hasPrefix("quarantined") })
    }

    @Test("a forwarded message/rfc822 keeps its own tree; the subject decodes from RFC 2047")
    func forwardedAndEncoded() throws {
        let fwd = try #require(try Self.inspect("mime/forwarded-rfc822.eml").first)
        #expect(fwd.mime?.map(\.contentType) == ["multipart/mixed", "text/plain", "message/rfc822", "text/plain", "message/rfc822"])
        #expect(fwd.mime?.map(\.part) == ["0", "1", "2", "2.1", "3"])
        let encoded = try #require(try Self.inspect("mime/wrong-charset.eml").first)
        #expect(encoded.subject == "Grüße aus München")
    }
}
