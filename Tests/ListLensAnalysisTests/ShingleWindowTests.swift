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

    @Test("a sweep finds what a brute-force comparison with the messages inside the span finds, through drops and rebuilds")
    func agreesWithBruteForce() {
        var numbers = Numbers(state: 7)
        var window = ShingleWindow<Int>(maxMessages: 10_000)
        var all: [(key: Int, date: Int64, shingles: [Int64])] = []
        let span: Int64 = 500
        var checked = 0
        for key in 0..<3_000 {
            let date = Int64(key * 3 + numbers.next(3))
            // Shingles from a small vocabulary, so messages share some; distinct within a message.
            var shingles: [Int64] = []
            for _ in 0..<(1 + numbers.next(12)) {
                let h = Int64(numbers.next(400)) - 200
                if !shingles.contains(h) { shingles.append(h) }
            }
            window.drop(sentBefore: date - span)
            window.add(key, date: date, shingles: shingles)
            all.append((key, date, shingles))
            guard key % 25 == 0 else { continue }
            // A quote of the messages sent within the span before this one.
            let quote = (0..<8).map { _ in Int64(numbers.next(400)) - 200 }
            let range = (date - span / 2)...date
            let found = window.sharing(quote, maxHolders: 12, sent: range)
            var expected: [(key: Int, shared: Int, first: Int)] = []
            let live = all.filter { $0.date >= date - span }
            for m in live where range.contains(m.date) {
                var shared = 0, first = -1
                for (i, h) in quote.enumerated() {
                    let holders = live.filter { $0.shingles.contains(h) }.count
                    guard holders <= 12, m.shingles.contains(h) else { continue }
                    shared += 1
                    if first < 0 { first = i }
                }
                if shared > 0 { expected.append((m.key, shared, first)) }
            }
            let got = found.map { "\($0.member) \($0.shared) \($0.firstPosition)" }
            let want = expected.map { "\($0.key) \($0.shared) \($0.first)" }
            #expect(got == want, "lookup after message \(key)")
            checked += 1
        }
        #expect(checked == 120)
        #expect(window.cut == 0)
        #expect(window.count < 200, "only the span is held: \(window.count) messages")
    }

    @Test("a repeated shingle counts once per position; a common one counts for nothing")
    func sharedCounts() {
        var window = ShingleWindow<String>()
        window.add("a", date: 10, shingles: [1, 2, 3])
        window.add("b", date: 20, shingles: [3, 4])
        window.add("c", date: 30, shingles: [3, 9])
        let found = window.sharing([5, 3, 2, 1, 4], maxHolders: 2, sent: 0...100)
        // 3 has three holders: above the limit of 2, it counts for nothing.
        #expect(found.map { "\($0.member) \($0.shared) \($0.firstPosition) \($0.shingleCount)" } == ["a 2 2 3", "b 1 4 2"])
        #expect(window.sharing([9], maxHolders: 2, sent: 0...25).isEmpty, "c was sent after the range")
    }

    @Test("past its limit the window keeps the latest messages and counts the ones it dropped early")
    func limit() {
        var window = ShingleWindow<Int>(maxMessages: 100)
        for key in 0..<1_000 { window.add(key, date: 0, shingles: [Int64(key % 7), 1_000 + Int64(key)]) }
        #expect(window.count == 100)
        #expect(window.cut == 900)
        #expect(window.sharing([1_000 + 899], maxHolders: 10, sent: 0...0).isEmpty)
        #expect(window.sharing([1_000 + 900], maxHolders: 10, sent: 0...0).map(\.member) == [900])
        #expect(window.sharing([3], maxHolders: 100, sent: 0...0).count == 14, "the held messages with key % 7 == 3")
    }
}
