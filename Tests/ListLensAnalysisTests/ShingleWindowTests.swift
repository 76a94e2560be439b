import ListLensAnalysis
import Testing

/// The in-memory window of own texts that quotes are looked up in: what it finds is what comparing
/// every held message with the text by hand finds, whatever it has dropped and rebuilt on the way.
@Suite("Shingle window")
struct ShingleWindowTests {
    /// A small deterministic generator, so a failure is the same on every run.
    struct Numbers {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test("a sweep answers each quote with what comparing it by hand with the messages of its span gives, through rebuilds of its index")
    func agreesWithBruteForce() {
        var numbers = Numbers(state: 7)
        var messages: [(key: Int, date: Int64, shingles: [Int64])] = []
        for key in 0..<3_000 {
            // Shingles from a small vocabulary, so messages share some; distinct within a message.
            var shingles: [Int64] = []
            for _ in 0..<(1 + numbers.next(12)) {
                let h = Int64(numbers.next(400)) - 200
                if !shingles.contains(h) { shingles.append(h) }
            }
            messages.append((key, Int64(key * 3 + numbers.next(3)), shingles))
        }
        var quotes: [ShingleWindow<Int>.Quote] = []
        for _ in 0..<2_000 {
            let date = Int64(numbers.next(9_500))
            var shingles: [Int64] = []
            for _ in 0..<8 {
                let h = Int64(numbers.next(400)) - 200
                if !shingles.contains(h) { shingles.append(h) }
            }
            quotes.append(.init(sent: (date - 500)...(date + 20), shingles: shingles))
        }
        var window = ShingleWindow<Int>(quotes: quotes, maxHolders: 12)
        var answers: [Int: [String]] = [:]
        func record(_ answered: [(quote: Int, matches: [ShingleWindow<Int>.Match])]) {
            for (q, matches) in answered {
                #expect(answers[q] == nil, "quote \(q) answered once")
                answers[q] = matches.map { "\($0.member) \($0.shared) \($0.firstPosition) \($0.shingleCount)" }
            }
        }
        for m in messages { record(window.pass(m.key, date: m.date, shingles: m.shingles)) }
        record(window.finish())
        #expect(answers.count == quotes.count)
        #expect(window.cut == 0 && window.count == 0)
        var nonEmpty = 0
        for (q, quote) in quotes.enumerated() {
            let inSpan = messages.filter { quote.sent.contains($0.date) }
            let holders = quote.shingles.map { h in inSpan.filter { $0.shingles.contains(h) }.count }
            var expected: [String] = []
            for m in inSpan {
                var shared = 0, first = -1
                for (i, h) in quote.shingles.enumerated() {
                    guard holders[i] <= 12, m.shingles.contains(h) else { continue }
                    shared += 1
                    if first < 0 { first = i }
                }
                if shared > 0 { expected.append("\(m.key) \(shared) \(first) \(m.shingles.count)") }
            }
            if !expected.isEmpty { nonEmpty += 1 }
            #expect(answers[q] == expected, "quote \(q)")
        }
        #expect(nonEmpty > 1_500, "the vocabulary makes most quotes find something: \(nonEmpty)")
    }

    @Test("a repeated shingle counts once per message; a common one counts for nothing; a span the sweep never reaches finds nothing")
    func sharedCounts() {
        let quotes: [ShingleWindow<String>.Quote] = [.init(sent: 0...100, shingles: [5, 3, 2, 1, 4]), .init(sent: 0...25, shingles: [9]),
                                                      .init(sent: 200...300, shingles: [1])]
        var window = ShingleWindow<String>(quotes: quotes, maxHolders: 2)
        var answered = window.pass("a", date: 10, shingles: [1, 2, 3])
        answered += window.pass("b", date: 20, shingles: [3, 4])
        answered += window.pass("c", date: 30, shingles: [3, 9])
        answered += window.finish()
        let text = answered.sorted { $0.quote < $1.quote }.map { q, m in "\(q): " + m.map { "\($0.member) \($0.shared) \($0.firstPosition) \($0.shingleCount)" }.joined(separator: ", ") }
        // 3 has three holders: above the limit of 2, it counts for nothing. c was sent after quote 1's span.
        #expect(text == ["0: a 2 2 3, b 1 4 2", "1: ", "2: "])
    }

    @Test("past its limit the window answers its oldest quote early and counts it")
    func limit() {
        let quotes = (0..<1_000).map { ShingleWindow<Int>.Quote(sent: Int64($0)...Int64($0 + 10_000), shingles: [7]) }
        var window = ShingleWindow<Int>(quotes: quotes, maxHolders: 10, maxWaiting: 100)
        var early = 0
        for d in 0..<1_000 { early += window.pass(d, date: Int64(d), shingles: []).count }
        #expect(window.count == 100)
        #expect(window.cut == 900 && early == 900)
        let rest = window.pass(-1, date: 5_000, shingles: [7]) + window.finish()
        #expect(rest.count == 100 && rest.allSatisfy { $0.matches.map(\.member) == [-1] })
    }
}
