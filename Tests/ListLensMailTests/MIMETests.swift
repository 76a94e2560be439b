import Testing
@testable import ListLensMail

@Suite("MIME and charsets")
struct MIMETests {
    func parse(_ text: String) -> Message {
        MessageParser().parse(RawMessage(bytes: Array(text.utf8), offset: 0, length: Int64(text.utf8.count)))
    }

    @Test("marks of an HTML part after a plain one name the lines of the joined text")
    func marksAfterAPlainPart() throws {
        let m = parse("""
            From: a@b.example\r\nMessage-ID: <x@b.example>\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n\
            --XX\r\nContent-Type: text/plain\r\n\r\nfirst\r\nsecond\r\n\
            --XX\r\nContent-Type: text/html\r\n\r\n<div class="gmail_attr">On Mon, Bo wrote:</div><blockquote>old</blockquote>\r\n\
            --XX--\r\n
            """)
        #expect(m.text == "first\nsecond\n\nOn Mon, Bo wrote:\n> old")
        #expect(m.textMarks == [TextMark(line: 3, role: .attribution)])
    }

    @Test("multipart/alternative shows the text/plain part")
    func alternative() {
        let m = parse("""
            Content-Type: multipart/alternative; boundary="b1"

            --b1
            Content-Type: text/plain; charset=utf-8

            plain version
            --b1
            Content-Type: text/html; charset=utf-8

            <p>html version</p>
            --b1--
            """)
        #expect(m.text == "plain version")
        #expect(m.mime.parts.count == 3)
        #expect(m.defects.contains(.missingMessageID))
    }

    @Test("an HTML-only message is converted; attachments are left out")
    func htmlOnlyAndAttachment() {
        let m = parse("""
            Message-ID: <x@y.example>
            Content-Type: multipart/mixed; boundary=outer

            --outer
            Content-Type: text/html; charset=windows-1252
            Content-Transfer-Encoding: quoted-printable

            <p>caf=E9 =93quoted=94</p>
            --outer
            Content-Type: text/plain; name=notes.txt
            Content-Disposition: attachment; filename=notes.txt

            attached text
            --outer--
            """)
        #expect(m.text == "café “quoted”")
    }

    @Test("base64, with a defect for bad padding")
    func base64() {
        let m = parse("Message-ID: <b@x.example>\nContent-Transfer-Encoding: base64\n\naGVsbG8gd29ybGQ=\n!!\n")
        #expect(m.text == "hello world")
        #expect(m.defects.contains(.invalidBase64))
    }

    @Test("without Date or mbox separator, the earliest Received header gives the date")
    func receivedFallback() {
        let m = parse("""
            Received: from b by c; Tue, 2 Jul 2013 10:00:00 +0000
            Received: from a by b; Tue, 2 Jul 2013 09:59:58 +0000
            Message-ID: <r@x.example>

            body
            """)
        #expect(m.date?.rfc3339 == "2013-07-02T09:59:58Z" && m.dateSource == .received)
        #expect(m.defects.contains(.missingDate))
    }

    @Test("a multipart without a boundary is read as text with a defect")
    func missingBoundary() {
        let m = parse("Message-ID: <c@x.example>\nContent-Type: multipart/mixed\n\njust text\n")
        #expect(m.text == "just text")
        #expect(m.defects.contains(.missingBoundary))
    }

    @Test("a multipart that never closes keeps its parts and records the defect")
    func unclosed() {
        let m = parse("Message-ID: <d@x.example>\nContent-Type: multipart/mixed; boundary=z\n\n--z\n\nfirst part\n")
        #expect(m.text == "first part")
        #expect(m.defects.contains(.closeBoundaryNotFound))
    }

    struct CharsetCase: Sendable, CustomTestStringConvertible {
        var bytes: [UInt8]
        var label: String?
        var expected: String
        var testDescription: String { "\(label ?? "no label") → \(expected)" }
    }

    static let charsetCases: [CharsetCase] = [
        CharsetCase(bytes: [0xC4, 0xE3, 0xBA, 0xC3], label: "gbk", expected: "你好"),
        CharsetCase(bytes: [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4], label: "koi8-r", expected: "Привет"),
        CharsetCase(bytes: [0x63, 0x61, 0x66, 0xE9], label: "iso-8859-1", expected: "café"),
        CharsetCase(bytes: [0x63, 0x61, 0x66, 0xC3, 0xA9], label: "us-ascii", expected: "café"),   // a lying label: UTF-8 detected
        CharsetCase(bytes: [0x93, 0x71, 0x94], label: nil, expected: "“q”"),                       // undeclared, not UTF-8: windows-1252
        CharsetCase(bytes: [0xB0, 0xA1], label: "ks_c_5601-1987", expected: "가"),
        CharsetCase(bytes: [0xA4, 0xA4], label: "big5", expected: "中"),
    ]

    @Test("charsets", arguments: charsetCases)
    func charsets(_ c: CharsetCase) {
        #expect(Charset.decode(c.bytes[...], label: c.label).text == c.expected)
    }
    @Test("7-bit charsets are decoded though their bytes look like ASCII: ISO-2022-JP, UTF-7 (issue 9)", arguments: [
        ([0x1B, 0x24, 0x42, 0x24, 0x33, 0x24, 0x73, 0x24, 0x4B, 0x24, 0x41, 0x24, 0x4F, 0x1B, 0x28, 0x42] as [UInt8], "iso-2022-jp" as String?, "こんにちは", nil as MailDefect?),
        (Array("+ZeVnLIqe-".utf8), "utf-7", "日本語", nil),
        ([0x1B, 0x24, 0x42, 0x24, 0x33, 0x24, 0x73, 0x1B, 0x28, 0x42], nil, "こん", .undeclaredCharset),
        (Array("plain +ASCII- text".utf8), "us-ascii", "plain +ASCII- text", nil),
    ])
    func sevenBitCharsets(bytes: [UInt8], label: String?, text: String, defect: MailDefect?) {
        let decoded = Charset.decode(bytes[...], label: label)
        #expect(decoded.text == text)
        #expect(decoded.defect == defect)
    }

    @Test("an ISO-2022-JP encoded word in a subject decodes")
    func iso2022Subject() {
        #expect(EncodedWord.decode(Array("=?ISO-2022-JP?B?GyRCMnE1RBsoQg==?= 2026".utf8)).text == "会議 2026")
    }

    @Test("a flowed paragraph of 200,000 soft lines is joined in one pass (issue 9: 6 MB took 136 s)")
    func flowedLongParagraph() {
        let line = "word word word word "   // 20 bytes, soft (trailing space)
        let text = String(repeating: line + "\n", count: 200_000) + "end\n"
        let out = FormatFlowed.unflow(text, delSp: false)
        #expect(out.utf8.count == 200_000 * 20 + "end\n".utf8.count)
        #expect(out.hasSuffix("word end\n") && !out.dropLast().contains("\n"))
    }

    @Test("format=flowed paragraphs are joined, DelSp honoured")
    func flowed() {
        #expect(FormatFlowed.unflow("one \ntwo\n> quoted \n> more\n", delSp: false) == "one two\n> quoted more\n")
        #expect(FormatFlowed.unflow("abc \ndef\n", delSp: true) == "abcdef\n")
    }

    @Test("quoted-printable soft breaks and escapes")
    func quotedPrintable() {
        #expect(QuotedPrintable.decode(Array("a=3Db=\nc =C3=A9\n".utf8)[...]) == Array("a=bc é\n".utf8))
    }
}
