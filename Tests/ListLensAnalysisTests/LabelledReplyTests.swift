import Foundation
import Testing
@testable import ListLensAnalysis
import ListLensTestSupport

/// Reply segmentation against the labelled sets in $LISTLENS_CORPORA: github/email_reply_parser's
/// bodies (visible text from its expected.json, the rest labelled in fixtures/quotes/) and
/// quotequail's `quote`, `unwrap` and `parse_reply` cases. Each test prints its figure.
@Suite("Labelled reply sets", .enabled(if: Fixtures.corpora != nil, "LISTLENS_CORPORA is not set: labelled reply sets skipped"))
struct LabelledReplyTests {
    static var corpora: URL { URL(fileURLWithPath: Fixtures.corpora!) }   // the suite runs only when set

    /// Whitespace runs made one space, ends trimmed: the comparison the issue asks for.
    static func normalized(_ s: String) -> String {
        s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The sender's new text: authored segments, and for quotequail (which has no notion of
    /// signatures: its new text is whatever is not quoted) signatures too.
    static func newText(_ body: String, withSignatures: Bool = false) -> String {
        QuoteSegmenter.segments(of: body).filter { $0.kind == .authored || (withSignatures && $0.kind == .signature) }
            .map(\.text).joined(separator: "\n\n")
    }

    static func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// One labelled case: what it is, what it should give, what it gave.
    struct Outcome {
        var name: String
        var expected: String
        var got: String
        var right: Bool { LabelledReplyTests.normalized(expected) == LabelledReplyTests.normalized(got) }
    }

    static func report(_ title: String, _ outcomes: [Outcome]) -> Int {
        let right = outcomes.filter(\.right).count
        print("\(title): \(right) of \(outcomes.count) cases give the expected new text (\(right * 1000 / max(outcomes.count, 1) / 10)%)")
        for o in outcomes where !o.right {
            print("  miss \(o.name)\n    expected: \(normalized(o.expected).prefix(160))\n    got:      \(normalized(o.got).prefix(160))")
        }
        return right
    }

    static func githubOutcomes() throws -> [Outcome] {
        let labels = try json(URL(fileURLWithPath: Fixtures.path("quotes/email_reply_parser-new-text.json")))
        let expected = try #require(labels["new_text"] as? [String: String])
        let dir = corpora.appendingPathComponent("github-email_reply_parser/test/emails")
        return try expected.keys.sorted().map { file in
            let body = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            return Outcome(name: file, expected: expected[file] ?? "", got: newText(body))
        }
    }

    /// quotequail's `quote(text)` with the intro line moved into the quote (the new text is the
    /// `true` chunks), and `unwrap(text)` (the new text is `text_top` and `text_bottom`).
    static func quotequailOutcomes() throws -> [Outcome] {
        let tests = try #require(try json(corpora.appendingPathComponent("quotequail/expected.json"))["tests"] as? [[String: Any]])
        var out: [Outcome] = []
        for t in tests {
            let name = t["test"] as? String ?? ""
            for (n, c) in ((t["cases"] as? [[String: Any]]) ?? []).enumerated() {
                guard let text = c["text"] as? String else { continue }
                if name == "test_quote", let chunks = c["expected_quote_intro_line"] as? [[Any]] {
                    let shown = chunks.compactMap { ($0.first as? Bool) == true ? $0.last as? String : nil }.joined(separator: "\n")
                    out.append(Outcome(name: "quote #\(n)", expected: shown, got: newText(text, withSignatures: true)))
                } else if name == "test_unwrap", let e = c["expected"] as? [String: Any] {
                    let shown = [e["text_top"] as? String, e["text_bottom"] as? String].compactMap { $0 }.joined(separator: "\n")
                    out.append(Outcome(name: "unwrap #\(n)", expected: shown, got: newText(text, withSignatures: true)))
                }
            }
        }
        return out
    }

    @Test("github/email_reply_parser and quotequail: at least 97% of cases give the expected new text")
    func newTextAccuracy() throws {
        let github = try Self.githubOutcomes()
        let quotequail = try Self.quotequailOutcomes()
        let g = Self.report("github/email_reply_parser", github)
        let q = Self.report("quotequail quote+unwrap", quotequail)
        let total = github.count + quotequail.count
        print("labelled reply sets: \(g + q) of \(total) (\((g + q) * 1000 / total / 10)%)")
        #expect(github.count == 22)
        #expect((g + q) * 100 >= total * 97, "\(g + q) of \(total)")
    }

    @Test("quotequail's parse_reply lines: who and when, in every language it has")
    func parseReply() throws {
        let tests = try #require(try Self.json(Self.corpora.appendingPathComponent("quotequail/expected.json"))["tests"] as? [[String: Any]])
        let cases = try #require(tests.first { $0["test"] as? String == "test_parse_reply" }?["cases"] as? [[String: Any]])
        var right = 0
        for c in cases {
            let line = try #require(c["line"] as? String)
            let e = try #require(c["expected"] as? [String: String])
            let a = AttributionParser.replyLine(line[...])
            if a?.from == e["from"] && a?.date == e["date"] {
                right += 1
            } else {
                print("  miss \(line)\n    got from=\(a?.from ?? "nil") date=\(a?.date ?? "nil")")
            }
        }
        print("quotequail parse_reply: \(right) of \(cases.count) lines give the expected sender and date")
        #expect(cases.count == 12)
        #expect(right == cases.count)
    }

    @Test("quotequail's unwrap cases: the forwarded or quoted header's From, Date and Subject")
    func unwrapHeaders() throws {
        let tests = try #require(try Self.json(Self.corpora.appendingPathComponent("quotequail/expected.json"))["tests"] as? [[String: Any]])
        let cases = try #require(tests.first { $0["test"] as? String == "test_unwrap" }?["cases"] as? [[String: Any]])
        var compared = 0, right = 0
        for c in cases {
            guard let text = c["text"] as? String, let e = c["expected"] as? [String: Any], e["from"] != nil || e["subject"] != nil else { continue }
            compared += 1
            let segments = QuoteSegmenter.segments(of: text)
            let a = segments.first { $0.kind == .attribution || $0.kind == .forwarded }?.attribution
            let want = (e["from"] as? String, e["date"] as? String, e["subject"] as? String)
            if a?.from == want.0 && a?.date == want.1 && a?.subject == want.2 {
                right += 1
            } else {
                print("  miss \(text.prefix(60).debugDescription)\n    want \(want)\n    got  \(String(describing: a))")
            }
        }
        print("quotequail unwrap headers: \(right) of \(compared) give the expected From, Date and Subject")
        #expect(compared >= 15)
        #expect(right * 100 >= compared * 95, "\(right) of \(compared)")
    }

    @Test("the pathological and 766 KB long-quote bodies finish (email_reply_parser's regex-DoS cases)")
    func pathological() throws {
        let dir = Self.corpora.appendingPathComponent("github-email_reply_parser/test/emails")
        for file in ["pathological.txt", "email_long_quote.txt"] {
            let body = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            #expect(!QuoteSegmenter.segments(of: body).isEmpty)
        }
    }
}
