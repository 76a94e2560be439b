import ListLensAnalysis
import ListLensMail
import Testing

/// Pipermail keeps no list headers: the list's own address is told from a person's address named
/// after the list only by the footer the message carries (twisted-python's real forms).
@Suite("DMARC rewrites in pipermail months")
struct PipermailRewriteTests {
    static func author(from: String, footer: String) -> RewrittenSender.Author? {
        let text = "From: \(from)\nDate: Fri, 15 Apr 2005 10:00:00 -0700\nSubject: Re: deferreds\nMessage-ID: <x@y>\n\n> a quoted line\nMy answer.\n\n_______________________________________________\nTwisted-Python mailing list\n\(footer)\nhttp://twistedmatrix.com/cgi-bin/mailman/listinfo/twisted-python\n"
        let message = MessageParser().parse(RawMessage(bytes: Array(text.utf8), offset: 0, length: Int64(text.utf8.count)))
        return RewrittenSender.author(of: message, raw: Array(text.utf8), listName: "twisted-python")
    }

    @Test("the list's address with a person's name, named by the footer, is that person's post")
    func listAddress() {
        let a = Self.author(from: "twisted-python at twistedmatrix.com (Shawn Church)", footer: "Twisted-Python at twistedmatrix.com")
        #expect(a == .init(address: nil, name: "Shawn Church", source: .nameOnly))
        #expect(Self.author(from: "twisted-python@twistedmatrix.com (Shawn Church)", footer: "> Twisted-Python@twistedmatrix.com") != nil)
    }

    @Test("a person's own address named after the list, the list's notices, the list's own name: no rewrite")
    func notRewritten() {
        #expect(Self.author(from: "twisted-python at 2xlp.com (Jonathan Vanasco)", footer: "Twisted-Python at twistedmatrix.com") == nil)
        #expect(Self.author(from: "twisted-python at twistedmatrix.com", footer: "Twisted-Python at twistedmatrix.com") == nil)
        #expect(Self.author(from: "twisted-python at twistedmatrix.com (Twisted-Python)", footer: "Twisted-Python at twistedmatrix.com") == nil)
        #expect(Self.author(from: "glyph at twistedmatrix.com (Glyph Lefkowitz)", footer: "Twisted-Python at twistedmatrix.com") == nil)
    }
}
