import Testing
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
