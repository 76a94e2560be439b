import Foundation
import Testing
import ListLensTestSupport
@testable import ListLensMail

@Suite("HTML to text")
struct HTMLTextTests {
    @Test("paragraphs, breaks, entities and NBSP")
    func basics() throws {
        let text = try #require(HTMLText.convert(utf8: "<p>A&nbsp;B &amp; C</p><p>second<br>line</p>"))
        #expect(text == "A B & C\n\nsecond\nline")
    }

    @Test("Word paragraphs with <o:p> stay one paragraph each; styles and conditional comments are dropped")
    func wordParagraphs() throws {
        let html = """
            <html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style><!-- p.MsoNormal {margin:0in;} --></style>
            <!--[if gte mso 9]><xml><o:shapedefaults v:ext="edit" /></xml><![endif]--></head>
            <body><div class="WordSection1"><p class="MsoNormal">Hello<o:p></o:p></p>
            <p class="MsoNormal"><o:p>&nbsp;</o:p></p><p class="MsoNormal">World<o:p></o:p></p></div></body></html>
            """
        let text = try #require(HTMLText.convert(utf8: html))
        #expect(text == "Hello\n\nWorld")
    }

    @Test("blockquote nesting becomes > depth")
    func blockquotes() throws {
        let text = try #require(HTMLText.convert(utf8: "<p>new</p><blockquote type=cite><p>old</p><blockquote>older</blockquote></blockquote>"))
        #expect(text == "new\n\n> old\n>> older")
    }

    @Test("links keep their target when it differs from the text")
    func links() throws {
        let text = try #require(HTMLText.convert(utf8: #"<p>See <a href="https://x.example/a">the page</a> and <a href="https://x.example/b">https://x.example/b</a>.</p>"#))
        #expect(text == "See the page <https://x.example/a> and https://x.example/b.")
    }

    @Test("lists and pre")
    func listsAndPre() throws {
        let text = try #require(HTMLText.convert(utf8: "<ul><li>one</li><li>two</li></ul><ol><li>a</li><li>b</li></ol><pre>  x\n   y</pre>"))
        #expect(text == "- one\n- two\n1. a\n2. b\n  x\n   y")
    }

    @Test("downlevel-revealed conditionals are removed, their content kept")
    func downlevel() throws {
        let text = try #require(HTMLText.convert(utf8: "<p><![if !supportLists]>1.<![endif]> First</p>"))
        #expect(text == "1. First")
    }
}

@Suite("HTML repair and archive pages")
struct HTMLArchiveUnitTests {
    @Test("a non-breaking space inside a tag is a space: Word's paragraph class survives")
    func nbspInsideTags() throws {
        let html = "<p\u{00A0}class=\"MsoNormal\">one<o:p></o:p></p><p\u{00A0}class=\"MsoNormal\">two\u{00A0}words<o:p></o:p></p>"
        #expect(try #require(HTMLText.convert(utf8: html)) == "one\ntwo words")
    }

    @Test("Outlook's reply header block and Yahoo's quoted div give the same text structure as plain replies")
    func outlookAndYahoo() throws {
        let outlook = """
            <div class=WordSection1><p class=MsoNormal>Agreed.<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>
            <div id="divRplyFwdMsg"><b>From:</b> Ann &lt;ann@example.org&gt;<br><b>Sent:</b> Monday<br><b>Subject:</b> plan</div>
            <p class=MsoNormal>Shall we?<o:p></o:p></p></div>
            """
        // The quote under the header block is one level deeper, as a blockquote's would be.
        #expect(try #require(HTMLText.convert(utf8: outlook)) == "Agreed.\n\nFrom: Ann <ann@example.org>\nSent: Monday\nSubject: plan\n> Shall we?")
        let yahoo = #"<div>Yes.</div><div class="ydp1yahoo_quoted"><div>On Monday, Ann wrote:</div><div>Shall we?</div></div>"#
        #expect(try #require(HTMLText.convert(utf8: yahoo)) == "Yes.\n> On Monday, Ann wrote:\n> Shall we?")
    }

    @Test("Outlook's quote lasts to the end of the element holding its header block: a disclaimer after it is the sender's again")
    func outlookQuoteExtent() throws {
        let html = """
            <body><div class=WordSection1><p class=MsoNormal>Thanks, will do.</p><p class=MsoNormal><o:p>&nbsp;</o:p></p>
            <div><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in'>
            <p class=MsoNormal><b>Von:</b> Ann Lee &lt;ann@x.example&gt;<br><b>Gesendet:</b> Montag, 4. Januar 2021 06:57<br>
            <b>Betreff:</b> plan</p></div></div>
            <p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Shall we ship?</p>
            <div><div style='border:none;border-top:solid #B5C4DF 1.0pt;padding:3.0pt 0in 0in 0in'>
            <p class=MsoNormal><b>From:</b> Bo &lt;bo@y.example&gt;<br><b>Sent:</b> Sunday</p></div></div>
            <p class=MsoNormal>Is it ready?</p></div>
            <font size=1>::DISCLAIMER::<br>This e-mail is confidential.</font></body>
            """
        let c = try #require(HTMLText.convertMarked(utf8: html))
        #expect(c.text == """
            Thanks, will do.

            Von: Ann Lee <ann@x.example>
            Gesendet: Montag, 4. Januar 2021 06:57
            Betreff: plan

            > Shall we ship?
            > From: Bo <bo@y.example>
            > Sent: Sunday
            >> Is it ready?
            ::DISCLAIMER::
            This e-mail is confidential.
            """)
        #expect(c.marks == [2, 3, 4].map { TextMark(line: $0, role: .headerBlock) } + [7, 8].map { TextMark(line: $0, role: .headerBlock) })
    }

    @Test("hostile input: 100,000 sibling Outlook header blocks open at most 65 quote levels")
    func siblingHeaderBlocks() throws {
        let block = "<div style='border:none;border-top:solid #E1E1E1 1.0pt'><p>From: x</p></div><p>t</p>"
        let c = try #require(HTMLText.convertMarked(utf8: "<div>" + String(repeating: block, count: 100_000) + "</div>"))
        let deepest = c.text.split(separator: "\n").map { (line: Substring) in line.prefix { $0 == ">" }.count }.max()
        #expect(deepest == HTMLLimits.maxOutlookQuotes)
        #expect(c.marks.count == TextMark.maxPerBody)
    }

    @Test("a bordered div without header fields is no header block: nothing after it is quoted")
    func borderedDivWithoutFields() throws {
        let html = "<div style='border:none;border-top:solid #E1E1E1 1.0pt'><p>Regards</p></div><p>More of my own words</p>"
        let c = try #require(HTMLText.convertMarked(utf8: html))
        #expect(c.text == "Regards\n\nMore of my own words")
        #expect(c.marks == [TextMark(line: 0, role: .headerBlock)])
    }

    @Test("Gmail's and Thunderbird's attribution elements, signatures and a blockquote's cite are marked")
    func clientMarks() throws {
        let gmail = """
            <div dir="ltr">Sounds good.<br clear="all"><div><br></div>-- <br><div dir="ltr" class="gmail_signature">Ann Lee<br>Acme</div></div>
            <br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">Le lun. 4 janv. 2021 à 06:57, Bo &lt;<a href="mailto:bo@y.example">bo@y.example</a>&gt; a écrit&nbsp;:<br></div>
            <blockquote class="gmail_quote" cite="mid:CAH%2Babc%40mail.gmail.com">Shall we ship?</blockquote></div>
            """
        let g = try #require(HTMLText.convertMarked(utf8: gmail))
        #expect(g.text == "Sounds good.\n\n--\nAnn Lee\nAcme\n\nLe lun. 4 janv. 2021 à 06:57, Bo <bo@y.example> a écrit :\n> Shall we ship?")
        #expect(g.marks == [TextMark(line: 3, role: .signature), TextMark(line: 4, role: .signature), TextMark(line: 6, role: .attribution),
                            TextMark(line: 7, role: .cite, value: "CAH+abc@mail.gmail.com")])
        let thunderbird = """
            <div class="moz-cite-prefix">On 1/5/21 8:27 AM, Bo wrote:<br></div><blockquote type="cite" cite="mid:a.b@c">old</blockquote>
            <p>new</p><div class="moz-signature">-- <br>Ann</div>
            """
        let t = try #require(HTMLText.convertMarked(utf8: thunderbird))
        #expect(t.text == "On 1/5/21 8:27 AM, Bo wrote:\n> old\n\nnew\n--\nAnn")
        #expect(t.marks == [TextMark(line: 0, role: .attribution), TextMark(line: 1, role: .cite, value: "a.b@c"),
                            TextMark(line: 4, role: .signature), TextMark(line: 5, role: .signature)])
    }

    @Test("a cite that is not one plausible Message-ID is ignored", arguments: [
        "http://x.example/a", "mid:no-at-sign", "mid:a b@c", "mid:a%3Bb@c", "mid:<a@b>", "mid:" + String(repeating: "a", count: 1_000) + "@b",
    ])
    func implausibleCites(_ cite: String) throws {
        let c = try #require(HTMLText.convertMarked(utf8: "<blockquote cite=\"\(cite)\">old</blockquote>"))
        #expect(c.marks.isEmpty)
    }

    @Test("marks survive storage as one line of text, and unreadable entries are left out")
    func marksEncoding() {
        let marks = [TextMark(line: 0, role: .attribution), TextMark(line: 12, role: .headerBlock), TextMark(line: 30, role: .cite, value: "a.b@c")]
        let stored = TextMark.encode(marks)
        #expect(stored == "0 attribution;12 header-block;30 cite a.b@c")
        #expect(TextMark.decode(stored) == marks)
        #expect(TextMark.decode("x attribution;3 nonsense;-1 signature;4 signature") == [TextMark(line: 4, role: .signature)])
        #expect(TextMark.encode([]) == nil && TextMark.decode(nil).isEmpty)
    }

    @Test("hostile input: a tag with 100,000 attributes, 100,000 nested divs, an unclosed comment")
    func hostile() throws {
        let attrs = "<p " + (0..<100_000).map { "a\($0)=\"x\"" }.joined(separator: " ") + ">hi</p><p>there</p>"
        #expect(try #require(HTMLText.convert(utf8: attrs)) == "hi\n\nthere")
        let deep = String(repeating: "<div>", count: 100_000) + "deep" + String(repeating: "</div>", count: 100_000)
        #expect(try #require(HTMLText.convert(utf8: deep)) == "deep")
        #expect(try #require(HTMLText.convert(utf8: "<p>before</p><!-- never closed <p>after</p>")) == "before")
    }

    @Test("list numbering from an input `start` never overflows (issue 9: 2^63 - 2 killed the process)")
    func listStartOverflow() throws {
        let huge = try #require(HTMLText.convert(utf8: #"<ol start="9223372036854775806"><li>a</li><li>b</li><li>c</li></ol>"#))
        #expect(huge == "1000000000. a\n1000000000. b\n1000000000. c")
        #expect(try #require(HTMLText.convert(utf8: #"<ol start="7"><li>a</li><li>b</li></ol>"#)) == "7. a\n8. b")
        #expect(try #require(HTMLText.convert(utf8: #"<ol start="x"><li>a</li></ol>"#)) == "1. a")
    }

    @Test("a newline right after <pre> is not text; blank lines inside <pre> are kept")
    func preNewline() throws {
        #expect(try #require(HTMLText.convert(utf8: "<pre>\n&gt; a\n&gt;\n&gt;\n&gt; b</pre>")) == "> a\n>\n>\n> b")
    }

    @Test("the charset comes from <meta> when the MIME part has none")
    func metaCharset() {
        let page = Array(#"<html><head><META http-equiv="Content-Type" content="text/html; charset=ISO-8859-2"></head><body>x</body></html>"#.utf8)
        #expect(HTMLText.metaCharset(in: page[...]) == "iso-8859-2")
        #expect(HTMLText.metaCharset(in: Array("<meta charset='utf-8'>".utf8)[...]) == "utf-8")
        #expect(HTMLText.metaCharset(in: Array("<p>charset=koi8-r</p>".utf8)[...]) == nil)
        let latin2 = Array("<meta charset=iso-8859-2><p>".utf8) + [0xB3, 0xF3, 0x64, 0xBC] + Array("</p>".utf8)   // "łódź"
        #expect(HTMLText.convert(bytes: latin2[...], declaredCharset: nil).text == "łódź")
    }

    @Test("MHonArc's mrot13 decodes its X-From-R13 comments and is its own inverse")
    func mrot13() {
        #expect(MHonArcPage.mrot13("Rnan Iuvgsvryq <qnanNbcravasen-sbhaqngvba.rknzcyr>") == "Dana Whitfield <dana@openinfra-foundation.example>")
        let s = "Zoë [list] <x@y.example>"
        #expect(MHonArcPage.mrot13(MHonArcPage.mrot13(s)) == s)
    }

    @Test("a hypermail comment whose value is one quote mark is no field (fuzz finding: the value's range was inverted)")
    func hypermailOneQuote() throws {
        let page = try String(contentsOfFile: Fixtures.path("fuzz/html-page/hypermail-comment-with-one-quote.html"), encoding: .utf8)
        guard case .message(let raw) = HTMLArchive.page(path: "Data/0001.html", bytes: Array(page.utf8), context: HTMLArchive.Context()) else {
            Issue.record("not a message page")
            return
        }
        let m = MessageParser().parse(raw)
        #expect(m.messageID == "one@example.org")
        #expect(m.text == "One quote mark is both the opening and the closing one.")
    }

    @Test("a page with no archive markers is a bare HTML body; an index page lists its message pages")
    func pageKinds() {
        let context = HTMLArchive.Context()
        if case .bareBody(let raw) = HTMLArchive.page(path: "x.html", bytes: Array("<p>hello</p>".utf8), context: context) {
            #expect(raw.origin == .bareHTML)
            #expect(MessageParser().parse(raw).defects == [.noHeaders])
        } else { Issue.record("not a bare body") }
        let index = Array(#"<ul><li><a href="027159.html">a</a><li><a href="./027160.html#x">b</a><li><a href="../x/027161.html">c</a></ul>"#.utf8)
        if case .index(let pages) = HTMLArchive.page(path: "m/thread.html", bytes: index, context: context) {
            #expect(pages == ["m/027159.html", "m/027160.html"])
        } else { Issue.record("not an index") }
    }
}

/// The converter has two event sources: libxml2's SAX parser (mail bodies) and a walk over a parsed
/// tree (archive pages, where comments mark the body). Both must give the same text.
@Suite("SAX and tree conversions agree", .enabled(if: ProcessInfo.processInfo.environment["LISTLENS_CORPORA"] != nil,
                                                  "LISTLENS_CORPORA is not set: real-archive tests skipped"))
struct HTMLEventSourceTests {
    @Test("every HTML file of the quotequail, seed, pipermail and hypermail corpora")
    func sameText() throws {
        let root = ProcessInfo.processInfo.environment["LISTLENS_CORPORA"]!   // enabled only when set
        var files: [String] = [root + "/seed/000_670395e02ef3a6df.txt"]
        for dir in ["/quotequail/tests/files", "/twisted-pipermail/twisted-python/2013-July", "/cf-convention-hypermail/Data"] {
            files += try FileManager.default.contentsOfDirectory(atPath: root + dir).filter { $0.hasSuffix(".html") }.sorted()
                .prefix(120).map { root + dir + "/" + $0 }
        }
        var compared = 0
        for f in files {
            let bytes = try #require(HTMLArchive.readFile(f))
            let utf8 = Array(Charset.decode(bytes[...], label: HTMLText.metaCharset(in: bytes[...])).text.utf8)
            let sax = HTMLText.convert(utf8Bytes: utf8)?.text
            let doc = try #require(HTMLDocument(utf8: utf8))
            let tree = doc.root.map { HTMLText.text(of: [$0]) } ?? ""
            #expect(sax == tree, "\(f)")
            compared += 1
        }
        #expect(compared > 250)
    }
}
