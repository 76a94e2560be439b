import Foundation
import Testing
@testable import ListLensMail
import ListLensTestSupport

@Suite("Headers")
struct HeaderTests {
    @Test("unfolding keeps the whitespace after a fold", arguments: [
        ("Subject: a\n b\n\tc\n\nbody", "a b\tc"),
        ("Subject: a\r\n b\r\n\r\nbody", "a b"),
        ("Subject:   spaced   \n\nbody", "spaced"),
    ])
    func unfold(raw: String, expected: String) {
        var defects: [MailDefect] = []
        let (block, _) = HeaderBlock.parse(Array(raw.utf8)[...], defects: &defects)
        #expect(block.first("subject")?.unfoldedValue == expected)
        #expect(defects.isEmpty)
    }

    @Test("a line that is not a header ends the headers with a defect, and becomes body")
    func missingSeparator() {
        var defects: [MailDefect] = []
        let bytes = Array("From: a@b.example\nthis is body text\nmore\n".utf8)
        let (block, bodyStart) = HeaderBlock.parse(bytes[...], defects: &defects)
        #expect(block.fields.count == 1)
        #expect(defects == [.missingHeaderBodySeparator])
        #expect(String(decoding: bytes[bodyStart...], as: UTF8.self) == "this is body text\nmore\n")
    }

    @Test("RFC 2047 encoded words", arguments: [
        ("=?UTF-8?Q?Tomasz_Wi=C5=9Bniewski?=", "Tomasz Wiśniewski"),
        ("=?iso-8859-1?q?S=E3o?= Paulo", "São Paulo"),
        ("=?utf-8?b?5pel5pys6Kqe?=", "日本語"),
        ("=?utf-8?q?a?= =?utf-8?q?b?=", "ab"),                    // whitespace between words is dropped
        ("=?utf-8?b?5pel?= =?utf-8?b?5pys?=", "日本"),
        ("=?utf-8?B?4oKs?=100", "€100"),
        ("plain text", "plain text"),
        ("=?koi8-r?B?8NLJ18XU?=", "Привет"),
        ("=?utf-8?q?broken", "=?utf-8?q?broken"),                // unterminated: kept as written
    ])
    func encodedWords(input: String, expected: String) {
        #expect(EncodedWord.decode(Array(input.utf8)).text == expected)
    }

    @Test("address lists", arguments: [
        (#""Collins, Jamey" <jamey@Telco-One.example>"#, [Mailbox(name: "Collins, Jamey", address: "jamey@telco-one.example")]),
        ("glyph at twistedmatrix.com (Glyph Lefkowitz)", [Mailbox(name: "Glyph Lefkowitz", address: "glyph@twistedmatrix.com")]),
        ("a@x.example, B <b@y.example>", [Mailbox(name: nil, address: "a@x.example"), Mailbox(name: "B", address: "b@y.example")]),
        ("team: a@x.example, b@y.example;", [Mailbox(name: nil, address: "a@x.example"), Mailbox(name: nil, address: "b@y.example")]),
        ("=?utf-8?q?J=C3=BCrgen?= <j@x.example>", [Mailbox(name: "Jürgen", address: "j@x.example")]),
        ("<bare@x.example>", [Mailbox(name: nil, address: "bare@x.example")]),
        ("Glyph Lefkowitz glyph@divunal.com", [Mailbox(name: "Glyph Lefkowitz", address: "glyph@divunal.com")]),   // pipermail 1999
        ("Michiel Buddingh' <m@x.example>", [Mailbox(name: "Michiel Buddingh'", address: "m@x.example")]),
        ("glyph at divmod.com (glyph at divmod.com)", [Mailbox(name: nil, address: "glyph@divmod.com")]),   // pipermail, no name
        (#""a@x.example" <a@x.example>"#, [Mailbox(name: nil, address: "a@x.example")]),
        ("x@y.example (a (nested) comment)", [Mailbox(name: "a (nested) comment", address: "x@y.example")]),
    ])
    func addresses(input: String, expected: [Mailbox]) {
        #expect(AddressParser.parse(Array(input.utf8)).mailboxes == expected)
    }

    @Test("archive obfuscations are undone and flagged", arguments: [
        ("glyph at divmod.com", "glyph@divmod.com"),
        ("jane_at_example.org", "jane@example.org"),
        ("Jane <jane&#64;example.org>", "jane@example.org"),
        ("jane&#x40;example.org (Jane)", "jane@example.org"),
        // stat.ethz.ch (R-help): lossy; the domain is restored, the local part kept with `@` as `_`.
        ("Ben Bolker <bbo|ker @end|ng |rom gm@||@com>", "bbo|ker@gmail.com"),
        ("j@me@5431 @end|ng |rom hotm@||@com (james carrigan)", "j_me_5431@hotmail.com"),
        ("M Maechler <m@eche|er @end|ng |rom @t@t@m@th@ethz@ch>", "m_eche|er@ethz.ch"),
    ])
    func obfuscation(input: String, address: String) {
        let r = AddressParser.parse(Array(input.utf8))
        #expect(r.obfuscated)
        #expect(r.mailboxes.first?.address == address)
    }

    @Test("plain addresses are not flagged, and `_at_` needs a dotted host")
    func notObfuscated() {
        #expect(!AddressParser.parse(Array("glyph@divmod.com".utf8)).obfuscated)
        #expect(!AddressParser.parse(Array("build_at_night".utf8)).obfuscated)
    }

    @Test("dates", arguments: [
        ("Mon, 1 Jul 2013 22:35:59 +0200", "2013-07-01T20:35:59Z"),
        ("Tue, 02 Jul 2013 10:00:00 +0200 (CEST)", "2013-07-02T08:00:00Z"),
        ("1 Jul 13 22:35 EST", "2013-07-02T03:35:00Z"),
        ("Mon Jul  1 14:35:59 2013", "2013-07-01T14:35:59Z"),
        ("ashapattani at gmail.com  Mon Jul  1 14:35:59 2013", "2013-07-01T14:35:59Z"),   // an mbox separator
        ("Thu, 29 Feb 2024 23:59:59 -0000", "2024-02-29T23:59:59Z"),
        ("Sat, 1 Jan 99 00:00:00 GMT", "1999-01-01T00:00:00Z"),
        ("2013-07-01 22:35:59", "2013-07-01T22:35:59Z"),
        ("Wed 29 May 2019 06:09:22 PM EDT", "2019-05-29T22:09:22Z"),                       // notmuch crypto corpus
        ("Wed 29 May 2019 12:09:22 AM +0000", "2019-05-29T00:09:22Z"),
    ])
    func dates(input: String, expected: String) throws {
        let parsed = try MailDateParser.parse(input).get()
        #expect(parsed.date.rfc3339 == expected)
        #expect(parsed.defect == nil)
        // What rfc3339 writes reads back as the same instant.
        #expect(MailDate(rfc3339: expected)?.epochSeconds == parsed.date.epochSeconds)
    }

    @Test("MailDate(rfc3339:) reads only what rfc3339 writes")
    func rfc3339Refusals() {
        for bad in ["2013-07-01T22:35:59", "2013-07-01 22:35:59Z", "2013-13-01T22:35:59Z", "2013-07-01T24:00:00Z",
                    "2013-07-01T22:3a:59Z", "2013-07-01T22:35:59+02:00", ""] {
            #expect(MailDate(rfc3339: bad) == nil, "\(bad)")
        }
    }

    @Test("an unknown zone name is read as UTC and named as a defect")
    func unknownZone() throws {
        let parsed = try MailDateParser.parse("Mon, 1 Jul 2013 22:35:59 XYZT").get()
        #expect(parsed.date.rfc3339 == "2013-07-01T22:35:59Z")
        #expect(parsed.defect == .unknownTimezone)
    }

    @Test("an encoded word that cannot be decoded is kept and named as a defect")
    func undecodableEncodedWord() {
        let decoded = EncodedWord.decode(Array("=?x-no-such-charset?q?caf=E9?= ok".utf8))
        #expect(decoded.defect == .invalidEncodedWord)
        #expect(EncodedWord.decode(Array("=?utf-8?q?caf=C3=A9?=".utf8)) == EncodedWord.Decoded(text: "café", defect: nil))
    }

    @Test("text is never cut without a defect: empty base64 words stay as written, over-long ids are named (issue 9)")
    func noSilentCuts() throws {
        let word = EncodedWord.decode(Array("=?utf-8?b?!!!!?= rest".utf8))
        #expect(word.text == "=?utf-8?b?!!!!?= rest" && word.defect == .invalidEncodedWord)
        let long = "<" + String(repeating: "x", count: 1_000) + "@example.org>"
        #expect(MessageIDs.hasOverlongID(Array(long.utf8)) && MessageIDs.all(in: Array(long.utf8)).isEmpty)
        #expect(!MessageIDs.hasOverlongID(Array("<a@b.example> <c@d.example>".utf8)))
        let raw = RawMessage(bytes: Array("From: a@b.example\nMessage-ID: <m@b.example>\nIn-Reply-To: \(long)\n\nbody\n".utf8),
                             offset: 0, length: 0)
        #expect(MessageParser().parse(raw).defects.contains(.invalidReferences))
        let html = "<p>" + String(repeating: "a", count: HTMLLimits.maxInputBytes) + "</p><p>end</p>"
        let converted = HTMLText.convert(bytes: Array(html.utf8)[...], declaredCharset: "utf-8")
        #expect(converted.cut && converted.text?.hasSuffix("end") == false)
    }

    @Test("base64 skips stray characters and names them as a defect")
    func base64Defects() {
        #expect(Base64.decode(Array("aGVsbG8=".utf8)) == Base64.Decoded(bytes: Array("hello".utf8), defect: nil))
        #expect(Base64.decode(Array("aGVs!bG8=".utf8)) == Base64.Decoded(bytes: Array("hello".utf8), defect: .invalidBase64))
    }

    @Test("impossible dates and offsets fail", arguments: [
        ("Mon, 21 Oct 2002 15:02:34 +50579034", MailDateParser.Failure.invalidOffset),   // twisted-python 1945-February
        ("Mon, 31 Feb 2002 15:02:34 +0000", .unreadable),
        ("yesterday", .unreadable),
        ("Mon, 21 Oct 2002 25:02:34 +0000", .unreadable),
        ("Sat, 21 Feb 2009 05:35:10 0480", .invalidOffset),                                 // unsigned, 80 minutes
    ])
    func badDates(input: String, failure: MailDateParser.Failure) {
        #expect(throws: failure) { try MailDateParser.parse(input).get() }
    }

    @Test("Message-IDs", arguments: [
        ("<a@b.example>", "a@b.example", false),
        ("  <a@b.example> (comment)", "a@b.example", false),
        ("a@b.example", "a@b.example", true),
        ("<1104874643.31904.249.camel@6 webmail.nil8r.net ", "1104874643.31904.249.camel@6webmail.nil8r.net", true),
    ])
    func messageIDs(input: String, expected: String, repaired: Bool) {
        let primary = MessageIDs.primary(in: Array(input.utf8))
        #expect(primary?.id == expected)
        #expect(primary?.repaired == repaired)
    }

    @Test("In-Reply-To with prose keeps only the bracketed id")
    func strangeInReplyTo() {
        let v = Array("Other person's message of Tue, 1 Jul 2013 <abc@x.example>".utf8)
        #expect(MessageIDs.all(in: v) == ["abc@x.example"])
    }

    @Test("fuzz finding: an unclosed Message-ID of bytes that are not UTF-8 is repaired within the limit")
    func fuzzUnclosedIDWithInvalidBytes() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixtures.path("fuzz/message/unclosed-id-with-invalid-bytes.eml"))))
        let m = MessageParser().parse(RawMessage(bytes: bytes, offset: 0, length: Int64(bytes.count)))
        #expect(m.defects.contains(.invalidMessageID))
        #expect(m.messageID.unicodeScalars.count <= HeaderLimits.maxMessageIDLength)
        #expect(m.messageID.hasPrefix("re\u{FFFD}"))
    }

    @Test("SHA-256 gives FIPS 180-4's digests, at every padding boundary", arguments: [
        (0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
        (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
        (1_000_000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
    ])
    func sha256(length: Int, digest: String) {
        // Digests from Python's hashlib; "a" × 1,000,000 is the FIPS 180-2 test vector.
        #expect(SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: length)) == digest)
        #expect(SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: length)[...]) == digest, "a slice")
    }

    @Test("SHA-256 of FIPS's two-block message and of any collection")
    func sha256Vectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let bytes = (0..<1280).map { UInt8($0 % 256) }
        #expect(SHA256.hex(bytes.lazy.map { $0 }) == "d414b085826eb06778483ba35564dc849e643359f69ed9747878ba6e54985bed", "no contiguous storage")
    }

    @Test("Thread-Index: a reply's index is its parent's plus a 5-byte block; damaged values keep their whole blocks")
    func threadIndex() throws {
        // Python: base64.b64encode(bytes(range(22)) + b"\x00\x00\x01\x2c\xf0" + b"\x00\x00\x02\x3a\xf1")
        let root = "AAECAwQFBgcICQoLDA0ODxAREhMUFQ=="
        let grandchild = "AAECAwQFBgcICQoLDA0ODxAREhMUFQAAASzwAAACOvE="
        let rootHex = "000102030405060708090a0b0c0d0e0f101112131415"
        let r = try #require(ThreadIndex.parse(root))
        #expect(r.key == rootHex && r.conversation == rootHex && r.ancestorKeys.isEmpty)
        let g = try #require(ThreadIndex.parse(grandchild))
        #expect(g.key == rootHex + "0000012cf0" + "0000023af1")
        #expect(g.ancestorKeys == [rootHex + "0000012cf0", rootHex], "the parent's index first, then the root")
        #expect(g.conversation == rootHex)
        #expect(ThreadIndex(storedKey: g.key) == g)
        #expect(ThreadIndex(storedKey: rootHex + "00") == nil, "a partial block is no stored key")

        // Too short: no index. A partial last block: the whole ones, flagged. Folded over lines: read as one.
        #expect(ThreadIndex.parse(Array("AdXb0m5x".utf8)).index == nil)
        let partial = ThreadIndex.parse(Array("AAECAwQFBgcICQoLDA0ODxAREhMUFQAAASzwAAA=".utf8))
        #expect(partial.index?.key == rootHex + "0000012cf0" && partial.damaged)
        #expect(ThreadIndex.parse(Array("AAECAwQFBgcICQoLDA0O\r\n DxAREhMUFQ==".utf8)) == (r, false))

        // A hostile length is cut at maxChildren replies: bounded work, bounded ancestors.
        let huge = [UInt8](repeating: UInt8(ascii: "A"), count: 4 * 1_000_000)
        let cut = ThreadIndex.parse(huge)
        #expect(cut.damaged)
        #expect(cut.index?.ancestorKeys.count == ThreadIndex.maxChildren)

        // Through the parser: the header read, a broken one recorded as a defect, X-GM-THRID's digits kept.
        func parse(_ headers: String) -> Message {
            let bytes = Array((headers + "\r\n\r\nbody\r\n").utf8)
            return MessageParser().parse(RawMessage(bytes: bytes, offset: 0, length: Int64(bytes.count)))
        }
        let reply = parse("Message-ID: <a@b>\r\nThread-Index: \(grandchild)\r\nX-GM-THRID: 1592654321098765432")
        #expect(reply.threadIndex == g && reply.gmailThreadID == "1592654321098765432" && !reply.defects.contains(.invalidThreadIndex))
        let broken = parse("Message-ID: <a@b>\r\nThread-Index: AdXb0m5x\r\nX-GM-THRID: 12ab")
        #expect(broken.threadIndex == nil && broken.gmailThreadID == nil && broken.defects.contains(.invalidThreadIndex))
    }
}
