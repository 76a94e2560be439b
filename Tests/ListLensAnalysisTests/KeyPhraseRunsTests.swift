@testable import ListLensAnalysis
import Testing

/// `KeyPhrases.runs` reads text by byte and by scalar since the topic pass spent most of its time in
/// Character properties; these tests hold it to what the Character-by-Character reading found.
@Suite("key phrase runs: by scalar, as by Character")
struct KeyPhraseRunsTests {
    /// The reading before, Character by Character (as it was written when topics landed).
    static func referenceRuns(in text: String) -> [[String]] {
        var runs: [[String]] = []
        var run: [String] = []
        func end() {
            if !run.isEmpty { runs.append(run); run.removeAll() }
        }
        func isContent(_ word: Substring, folded: String) -> Bool {
            let count = word.unicodeScalars.count
            guard count >= 3, count <= KeyPhrases.maxWordLength else { return false }
            var letters = 0, digits = 0
            for c in word {
                if c.isLetter { letters += 1 } else if c.isNumber { digits += 1 }
            }
            guard letters > digits else { return false }
            if let dot = folded.lastIndex(of: "."), KeyPhrases.domainEndings.contains(String(folded[folded.index(after: dot)...])) { return false }
            return !Stopwords.contains(folded)
        }
        func isCodeOrField(_ line: Substring) -> Bool {
            if line.hasPrefix("\t") || line.hasPrefix("    ") || line.hasPrefix(">>>") || line.hasPrefix("-----") { return true }
            guard let colon = line.prefix(32).firstIndex(of: ":") else { return false }
            let name = line[..<colon]
            return !name.isEmpty && name.allSatisfy { $0.isLetter || $0 == "-" } && line[line.index(after: colon)...].first.map { $0 == " " } ?? true
                && (name.contains("-") || KeyPhrases.fieldNames.contains(name.lowercased()))
        }
        let patch = text.contains("\ndiff --git ") || text.hasPrefix("diff --git ")
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "-- " || line == "--" { break }
            if patch, let first = line.first, "+-@ \\".contains(first) || line.hasPrefix("diff ") || line.hasPrefix("index ") {
                end()
                continue
            }
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) || isCodeOrField(line) { end(); continue }
            var wordStart: Substring.Index? = nil
            var index = line.startIndex
            func close(at stop: Substring.Index) {
                guard let s = wordStart else { return }
                wordStart = nil
                let word = line[s..<stop]
                let folded = word.folded
                if isContent(word, folded: folded) { run.append(folded) } else { end() }
            }
            while index < line.endIndex {
                let c = line[index]
                let next = line.index(after: index)
                if c.isLetter || c.isNumber || c == "_" {
                    if wordStart == nil { wordStart = index }
                } else if wordStart != nil, c == "-" || c == "." || c == "_", next < line.endIndex,
                          line[next].isLetter || line[next].isNumber {
                } else {
                    close(at: index)
                    if !(c == " " || c == "\t" || c == "\r") { end() }
                }
                index = next
            }
            close(at: line.endIndex)
        }
        end()
        return runs
    }

    static func runs(_ text: String) -> [[String]] { KeyPhrases.runs(in: text).map { $0.map(\.folded) } }

    @Test("written cases: identifiers, dashes, fields, code, patches, signatures, other scripts", arguments: [
        "Deferred callbacks in twisted.web are non-blocking; use __builtin__.__import__ or obj.__adapt__ here.",
        "Cc: someone\nSubject: the reactor loop\nSigned-off-by: A Dev <a@example.org>\nreal words follow here",
        "Reactor threads\n    indented code stays out\n>>> prompt stays out\n\tso do tabs\nprose again",
        "diff --git a/x.py b/x.py\n+added line words\n-removed line words\n@@ hunk header\nexplaining paragraph words",
        "Words before the signature\n-- \nName Surname\nCompany words",
        "Möllenbeck schrieb über Straße und Grüße, naïve café résumé",
        "Me\u{301}thode de\u{301}cide\u{301}e (combining accents), می\u{200C}خواهم persian",
        "Мещеряков писал о реакторе; 日本語のテキスト、中文文本 mixed",
        "numbers 12345 abc123 123abc v2.0.1 and 3rd 21st",
        "emoji 👍🏽 between words, flags 🇩🇪 too; twistedmatrix.com and github.com links",
        "Subject-Line: with a dash\nNote: not a field word\nÜbersicht: umlaut field\n",
        "",
        "\n\n  \n\t\n",
    ])
    func written(_ text: String) {
        #expect(Self.runs(text) == Self.referenceRuns(in: text))
    }

    /// Text as people write it: marks, joiners and skin tones follow the letter or emoji they belong
    /// to, and lines end in LF (stored texts do). (Where a mark follows a space or a dash, a
    /// Character is neither, and the two readings differ: no writing does that.)
    @Test("random text from letters, marks, digits, joiners and punctuation reads as before")
    func random() {
        let pool: [String] = ["a", "B", "z", "é", "e\u{301}", "n\u{303}\u{301}", "م\u{200C}خ", "क\u{93F}", "ж", "日", "٣", "7", "_", "-", ".", ":",
                              " ", " ", "  ", "\t", "\n", ">", "@", "+", "👍", "👍🏽", "👩\u{200D}💻", "7\u{FE0F}\u{20E3}", "Cc: ",
                              "diff --git ", "-- \n", "    ", "the", "reactor", "deferred", "twisted.web", "com", "ﬁ", "Ⅻ", "½", "x\u{0308}"]
        var generator = SplitMix64(seed: 14)
        for _ in 0..<2_000 {
            let count = Int(generator.next() % 60)
            let text = (0..<count).map { _ in pool[Int(generator.next() % UInt64(pool.count))] }.joined()
            #expect(Self.runs(text) == Self.referenceRuns(in: text), "\(text.debugDescription)")
        }
    }
}

/// A small deterministic generator (SplitMix64), so a failure names a text that comes back.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
