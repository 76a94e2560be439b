import Testing
@testable import ListLensAnalysis

/// The shingle set the quote passes build and probe, and the sample read from a text's first words:
/// each agrees with the plain definition it replaces.
@Suite("Shingle set")
struct ShingleSetTests {
    @Test("holds what Set<UInt64> holds, zero and colliding values included, through growth")
    func agreesWithSet() {
        var state: UInt64 = 11
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        // Values that share their slot bits (multiples of a power of two), zero, and random ones.
        var values: [UInt64] = [0, 1, 2, UInt64.max]
        values += (0..<500).map { UInt64($0) << 58 }
        values += (0..<5_000).map { _ in next() }
        values += values.prefix(300)   // repeats
        var reference = Set<UInt64>()
        var set = ShingleSet()
        for v in values {
            #expect(set.insert(v) == reference.insert(v).inserted)
        }
        #expect(set.count == reference.count)
        #expect(values.allSatisfy { set.contains($0) })
        let absent = (0..<5_000).map { _ in next() }.filter { !reference.contains($0) }
        #expect(!absent.isEmpty && absent.allSatisfy { !set.contains($0) })
        #expect(!ShingleSet([1, 2, 3]).contains(0) && ShingleSet([0]).contains(0) && ShingleSet([0]).count == 1)
    }

    /// The definition the streaming sample must agree with: every shingle, then the first distinct
    /// sampled ones.
    static func referenceSample(_ text: String) -> [Int64] {
        var kept = Set<UInt64>()
        var out: [Int64] = []
        for h in Shingles.all(Shingles.words(text)) where h % Shingles.sampling == 0 && kept.insert(h).inserted {
            out.append(Int64(bitPattern: h))
            if out.count == Shingles.maxSampled { break }
        }
        return out
    }

    @Test("the sample read from the first words is the sample of all the shingles")
    func sampleAgreesWithDefinition() {
        let short = ["", "one", "one two three four", "one two three four five", "> a quoted line, with  some words\n>> and more of them here"]
        var words: [String] = []
        var state: UInt64 = 5
        for _ in 0..<5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            words.append("w\(state >> 54)")   // a small vocabulary: repeated shingles
        }
        let long = words.joined(separator: " ")
        let repeated = String(repeating: "the same five words here ", count: 400)
        for text in short + [long, repeated, "Grüße aus Köln, \u{00A0} und 日本語 text with five more words"] {
            #expect(Shingles.sampled(text) == Self.referenceSample(text), "\(text.prefix(40))")
        }
        #expect(Shingles.sampled(long).count == Shingles.maxSampled, "the long text fills the sample")
    }
}
