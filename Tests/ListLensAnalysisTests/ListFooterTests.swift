import Testing
@testable import ListLensAnalysis

/// List footers: normalization, learning in bounded memory, and the segmenter taking them as list text.
@Suite("List footers")
struct ListFooterTests {
    static let groupsIO = """
        -=-=-=-=-=-=-=-=-=-=-=-
        Groups.io Links: You receive all messages sent to this group.
        View/Reply Online (#104): https://groups.io/g/infra/message/104
        Unsubscribe: https://groups.io/g/infra/leave/9876543/506 [me@example.org]
        -=-=-=-=-=-=-=-=-=-=-=-
        """

    @Test("lines compare without what names one message: numbers, addresses, long links")
    func normalization() {
        #expect(ListFooter.normalize("> View/Reply Online (#104): https://groups.io/g/infra/message/104  ") == "view/reply online (#0): *")
        #expect(ListFooter.normalize("Group Owner: infra+owner@groups.io") == "group owner: *")
        #expect(ListFooter.normalize("visit https://groups.google.com/d/msgid/x/CAH%40mail.gmail.com.") == "visit *")
        #expect(ListFooter.normalize("   ") == nil)
        #expect(ListFooter.normalize(Substring(String(repeating: "x ", count: 300))) == nil, "an over-long line is text")
        #expect(ListFooter.trailer(of: "Hi\n\n> quoted\nmine\n\n-- \nAnn\n") == ["mine", "--", "ann"])
    }

    /// `k` in letters (`12` → `bc`): footers compare digits as 0, so numbers would make every body alike.
    static func word(_ k: Int) -> String { String(String(k).map { Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(String($0))!)) }) }

    func body(_ k: Int, footer: Bool) -> String {
        "Message \(Self.word(k)) says something of its own.\n\nSender \(Self.word(k % 7))"
            + (footer ? "\n\n" + Self.groupsIO.replacingOccurrences(of: "104", with: "\(k)") : "")
    }

    @Test("the footer most messages end with is learned; one fewer than half of them share is not")
    func learning() throws {
        var most = ListFooter.Learner()
        for k in 0..<40 { most.observe(ListFooter.trailer(of: body(k, footer: k % 3 != 0)[...])) }
        let footer = try #require(most.footer)
        #expect(footer.lines.first == "-=-=-=-=-=-=-=-=-=-=-=-" && footer.lines.count == 5)
        var few = ListFooter.Learner()
        for k in 0..<40 { few.observe(ListFooter.trailer(of: body(k, footer: k % 5 < 2)[...])) }
        #expect(few.footer == nil, "16 of 40 is not most")
        // A body that is all quote, or empty, has no trailer: it counts as a message without the footer.
        var empties = ListFooter.Learner()
        for k in 0..<30 { empties.observe(ListFooter.trailer(of: (k % 2 == 0 ? "> all quoted" : body(k, footer: true))[...])) }
        #expect(empties.messages == 30 && empties.footer?.lines.count == 5, "15 of 30 is half")
        var small = ListFooter.Learner()
        for k in 0..<9 { small.observe(ListFooter.trailer(of: body(k, footer: true)[...])) }
        #expect(small.footer == nil, "too few messages to learn from")
        // A lone shared sign-off is too short to be a footer, however common.
        var short = ListFooter.Learner()
        for k in 0..<20 { short.observe(ListFooter.trailer(of: "Words \(Self.word(k)) of mine, all different.\n--\nBo"[...])) }
        #expect(short.footer == nil)
    }

    @Test("learning stays bounded: 20,000 different trailers and a footer on 60% of the messages")
    func boundedLearning() throws {
        var learner = ListFooter.Learner()
        for k in 0..<20_000 {
            let own = "Unique line \(Self.word(k)) with words \(Self.word(k * 31)) and \(Self.word(k * 17 + 3))\nalso \(Self.word(k * 13))"
            learner.observe(ListFooter.trailer(of: (own + (k % 5 < 3 ? "\n" + Self.groupsIO : ""))[...]))
        }
        #expect(learner.footer?.lines.count == 5)
    }

    @Test("the segmenter takes the learned footer as list text at the end and in quotes, where the text rules see the sender's words")
    func segmenting() throws {
        var learner = ListFooter.Learner()
        for k in 0..<12 { learner.observe(ListFooter.trailer(of: body(k, footer: true)[...])) }
        let footer = try #require(learner.footer)
        let reply = "Agreed.\n\nOn Mon, Ann <ann@x.example> wrote:\n> Ship it?\n>\n" +
            Self.groupsIO.split(separator: "\n").map { "> " + $0 }.joined(separator: "\n") + "\n\n" + Self.groupsIO.replacingOccurrences(of: "104", with: "105")
        func kinds(_ f: ListFooter?) -> [String] { QuoteSegmenter.segments(of: reply, footer: f).map { "\($0.kind.rawValue)\($0.depth)" } }
        #expect(kinds(nil).filter { $0 == "footer0" || $0 == "footer1" }.isEmpty)
        #expect(kinds(footer) == ["authored0", "attribution0", "quoted1", "footer1", "footer0"])
        let q = QuotedText(segments: QuoteSegmenter.segments(of: reply, footer: footer))
        #expect(q.authored == "Agreed." && q.quoted == "Ship it?")
    }

    @Test("hostile bodies: 200,000 lines that each start a 12-line footer, and a footer's first line over blank runs, stay linear")
    func hostileFooterMatching() throws {
        let footer = try #require(ListFooter(lines: Array(repeating: "-=-=-", count: 11) + ["end"]))
        let lines = String(repeating: "-=-=-\n", count: 200_000)
        let segments = QuoteSegmenter.segments(of: lines, footer: footer)
        #expect(segments.allSatisfy { $0.kind != .footer }, "no run ends with the footer's last line")
        let gaps = String(repeating: "-=-=-\n\n\n\n", count: 50_000)
        #expect(!QuoteSegmenter.segments(of: gaps, footer: footer).isEmpty)
    }
}
