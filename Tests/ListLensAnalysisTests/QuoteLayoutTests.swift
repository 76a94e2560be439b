import Foundation
import Testing
@testable import ListLensAnalysis
import ListLensMail
import ListLensTestSupport

/// The stored quote layout gives back what segmenting the body gives: the quote attribution pass
/// reads it instead of segmenting every message and its ancestors again.
@Suite("Quote layout")
struct QuoteLayoutTests {
    /// Bodies with interleaved quotes, nested quotes, a signature in the middle (a closing name
    /// between two authored parts, as openbmc has), a cited HTML quote and non-ASCII text.
    static let bodies: [(text: String, sender: String?, marks: [TextMark])] = [
        ("Hi All,\n\nComments inline.\n\nRatan\n\nOn 19/12/19 4:08 AM, Bills, Jason M wrote:\n> Approach 2 returns a task.\n>> On 12/17/2019 dhruvaraj S wrote:\n>> Can we have 'Initiate Dump'?\n\nWith approach 2 we return the task ID.\n\n> I agree with the flow.\n\nThanks — Ratan\n-- \nRatan Gupta\nIBM",
         "Ratan Gupta", []),
        ("Grüße aus Köln.\n\nAm Mo., 4. Jan. 2021 um 06:57 Uhr schrieb Bo <bo@y.example>:\n> Können wir Montag ausliefern?\n> Ich denke ja.\n\nJa.\n\nSent from my iPhone",
         nil, []),
        ("Fine by me.\n\n> Shall we ship on Monday?\n> The tests pass.", nil, [TextMark(line: 2, role: .cite, value: "plan-1@y.example")]),
        ("No quote at all, and no signature.", nil, []),
        ("", nil, []),
        ("> only a quote\n>\n> over two paragraphs", nil, []),
    ]

    func check(_ text: String, sender: String?, marks: [TextMark], sourceLocation: SourceLocation = #_sourceLocation) {
        let segments = QuoteSegmenter.segments(of: text, senderName: sender, marks: marks)
        let stored = QuotedText(segments: segments)
        let signature = QuoteLayout.signatureText(of: segments)
        let layout = QuoteLayout(segments: segments)
        // Stored as text and read back, as the store does.
        let read = QuoteLayout(encoded: layout.encoded())
        #expect(read == layout, "round trip of \(layout.encoded())", sourceLocation: sourceLocation)
        let quoted = segments.enumerated().filter { $0.element.kind == .quoted }
        #expect(read?.quotes.map(\.segment) == quoted.map(\.offset), sourceLocation: sourceLocation)
        #expect(read?.quotes.map(\.depth) == quoted.map(\.element.depth), sourceLocation: sourceLocation)
        #expect(read?.quotes.map(\.citedMessageID) == quoted.map(\.element.attribution?.messageID), sourceLocation: sourceLocation)
        #expect(read?.quoteTexts(in: stored.quoted) == quoted.map(\.element.text), sourceLocation: sourceLocation)
        #expect(read?.ownText(authoredText: stored.authored, signatureText: signature) == QuoteMatcher.ownText(segments),
                sourceLocation: sourceLocation)
    }

    @Test("a body's quotes and own text come back from the stored texts exactly as segmenting gives them")
    func roundTrip() {
        for b in Self.bodies { check(b.text, sender: b.sender, marks: b.marks) }
        let first = QuoteSegmenter.segments(of: Self.bodies[0].text, senderName: Self.bodies[0].sender)
        #expect(first.contains { $0.kind == .signature } && first.filter { $0.kind == .quoted }.count >= 3,
                "the first body has what the test is about: signatures and several quotes")
        let cited = QuoteSegmenter.segments(of: Self.bodies[2].text, marks: Self.bodies[2].marks)
        #expect(cited.contains { $0.attribution?.messageID == "plan-1@y.example" })
    }

    @Test("the seed and every labelled reply body give back their quotes and own text",
          .enabled(if: Fixtures.corpora != nil, "LISTLENS_CORPORA is not set: real-archive tests skipped"))
    func realBodies() throws {
        let corpora = URL(fileURLWithPath: Fixtures.corpora!)
        var files = [corpora.appendingPathComponent("seed/000_670395e02ef3a6df.txt")]
        for dir in ["github-email_reply_parser", "quotequail"] {
            let root = corpora.appendingPathComponent(dir)
            let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            while let url = walker?.nextObject() as? URL {
                if url.pathExtension == "txt" { files.append(url) }
            }
        }
        #expect(files.count > 20)
        for f in files {
            guard let text = try? String(contentsOf: f, encoding: .utf8) else { continue }
            check(text, sender: nil, marks: [])
        }
    }

    @Test("a layout that does not fit the stored texts, or cannot be read, is refused")
    func refusals() {
        let segments = QuoteSegmenter.segments(of: "Yes.\n\n> Ship it?\n\nOk.\n\n> Monday?")
        let layout = QuoteLayout(segments: segments)
        let stored = QuotedText(segments: segments)
        #expect(layout.quoteTexts(in: stored.quoted) != nil)
        #expect(layout.quoteTexts(in: stored.quoted + "x") == nil)
        #expect(layout.quoteTexts(in: String(stored.quoted.dropLast())) == nil)
        #expect(layout.quoteTexts(in: stored.quoted.replacingOccurrences(of: "\n\n", with: " \n")) == nil)
        #expect(layout.ownText(authoredText: stored.authored + "!", signatureText: nil) == nil)
        for bad in ["q 1 1", "q 1 -1 3", "a 0", "s x", "z 1 2 3", "q 1 1 2;a 0 1 2", "s 3 4", "q 1 1 +2", "a 0 1 x",
                    "q 1 1 99999999999999999999", "qq 1 1 2", "s 3 cited@x"] {
            #expect(QuoteLayout(encoded: bad) == nil, "\(bad)")
        }
        #expect(QuoteLayout(encoded: "") == QuoteLayout(quotes: [], ownParts: []))
        // Empty entries and runs of spaces are read past, as the split the format was written for did.
        #expect(QuoteLayout(encoded: ";q 3  1 240 cited@x.example;;a 0 12;s 7;") ==
                QuoteLayout(quotes: [.init(segment: 3, depth: 1, length: 240, citedMessageID: "cited@x.example")],
                            ownParts: [.authored(depth: 0, length: 12), .signature(length: 7)]))
    }
}
