import Foundation
@testable import ListLensIndex
import ListLensAnalysis
import Testing

/// The sweep that looks quotes up among the messages sent before them: it reads only the dates the
/// quotes need, pages through them, answers every quote once with the messages of its span, and
/// says when its limit cut.
@Suite("Own text sweep")
struct OwnTextSweepTests {
    /// Messages in memory, served a page at a time in date then key order; records what was read.
    final class MemoryStore: OwnTextStore, @unchecked Sendable {
        let messages: [SweptMessage]
        private let lock = NSLock()
        private var served: [Int64] = []

        init(_ messages: [(key: Int64, date: Int64?, text: String)]) {
            self.messages = messages.map { m in
                SweptMessage(standing: .init(key: m.key, listID: nil, threadID: nil, fromAddress: nil, fromName: nil), date: m.date,
                             message: QuoteAttributionInput.Message(key: m.key, text: m.text, senderName: nil))
            }.sorted { ($0.date ?? .min, $0.standing.key) < ($1.date ?? .min, $1.standing.key) }
        }

        var read: [Int64] { lock.withLock { served } }

        func ownTexts(sent dates: ClosedRange<Int64>?, after cursor: SweptMessage?, limit: Int) throws -> [SweptMessage] {
            let page = messages.filter { m in
                guard let dates else { return m.date == nil && m.standing.key > (cursor?.standing.key ?? .min) }
                guard let d = m.date, dates.contains(d) else { return false }
                guard let c = cursor, let cd = c.date else { return true }
                return (d, m.standing.key) > (cd, c.standing.key)
            }.prefix(limit)
            lock.withLock { served += page.map(\.standing.key) }
            return Array(page)
        }

        func ownTextMessages(_ keys: [Int64]) throws -> [QuoteAttributionInput.Message] { [] }
    }

    static let day: Int64 = 86_400
    static let quote = "the release goes out on monday once the buildbot is green again"

    @Test("each quote finds the messages of its span holding its words, across pages; dates no quote needs are not read")
    func findsWithinSpan() throws {
        var messages: [(key: Int64, date: Int64?, text: String)] = []
        // 60,000 filler messages an hour apart from day 0, so a stretch of 92 days spans pages (1,000 a page).
        for k in 0..<60_000 { messages.append((Int64(k), Int64(k) * 3_600, "note number \(k) about nothing in particular today")) }
        // The source of the first quote, 10 days before it; a copy 200 days before it (outside its span).
        messages.append((100_000, 2_000 * Self.day, Self.quote))
        messages.append((100_001, 1_810 * Self.day, Self.quote))
        // An undated source, for the undated quote.
        messages.append((100_002, nil, Self.quote))
        let store = MemoryStore(messages)
        let words = Shingles.sampled(Self.quote)
        try #require(!words.isEmpty)
        let probes = [OwnTextSweep.Probe(date: 2_010 * Self.day, shingles: words),
                      OwnTextSweep.Probe(date: nil, shingles: words),
                      OwnTextSweep.Probe(date: 10 * Self.day, shingles: words),
                      OwnTextSweep.Probe(date: 500 * Self.day, shingles: [])]
        var answers: [Int: [Int64]] = [:]
        let report = try OwnTextSweep.run(probes, store: store, maxHolders: 50) { i, matches in
            #expect(answers[i] == nil, "probe \(i) answered once")
            answers[i] = matches.map(\.member.key).sorted()
        }
        #expect(answers[0] == [100_000], "the copy sent 200 days before is outside the span")
        #expect(answers[1] == [100_002], "an undated quote is compared with the undated messages")
        #expect(answers[2] == [], "nothing in its span holds its words")
        #expect(answers[3] == nil, "a quote without shingles is not looked up")
        #expect(report.cut == 0)
        // Read: the two stretches (days 0 to 11, and 1,920 to 2,011) and the undated message, once each, nothing else.
        let read = store.read
        #expect(Set(read).count == read.count && read.count == report.read, "each message read once")
        let dates = Dictionary(uniqueKeysWithValues: messages.map { ($0.key, $0.date) })
        let days = Set(read.compactMap { dates[$0] ?? nil }.map { $0 / Self.day })
        #expect(days == Set(0...11).union(1_920...2_011))
        #expect(read.contains(100_002) && !read.contains(100_001))
        #expect(read.count > 2 * OwnTextSweep.pageSize, "the second stretch spans pages: \(read.count) read")
    }

    @Test("past its limit the sweep answers the oldest quotes early and counts them")
    func limitCuts() throws {
        let messages = (0..<50).map { (key: Int64($0), date: Int64?(Int64($0) * 60), text: Self.quote) }
        let store = MemoryStore(messages)
        let words = Shingles.sampled(Self.quote)
        let probes = (0..<20).map { OwnTextSweep.Probe(date: 3_000 + Int64($0), shingles: words) }
        var found = 0
        let report = try OwnTextSweep.run(probes, store: store, maxHolders: 100, maxWaiting: 5) { _, matches in found += matches.count }
        #expect(report.cut == 15)
        #expect(found < 20 * 50, "the quotes answered early missed the later messages")
    }
}
