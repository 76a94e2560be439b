/// Quoted texts waiting to be found among the messages sent shortly before them, while a sweep in
/// date order passes those messages: the pure half of looking quotes up without a stored index.
///
/// A reply quotes what was sent days or weeks before it, rarely months: on twisted-python 99.7% of
/// the replies that quote their parent were sent within 90 days of it. So each quote waits only for
/// the messages sent within its span (from `span` before its date to `slack` after): it is taken in
/// when the sweep reaches the start of its span and answered when the sweep passes its end. The
/// waiting quotes are indexed by their sampled shingles (``Shingles/sampled(_:)``), and each message
/// passing by is looked up in that index: a message costs a few lookups, whatever the archive's size,
/// and memory follows the quotes waiting at once, bounded by ``maxWaiting``.
///
/// Quotes are taken in and answered in the same (date) order, so the index entries of answered ones
/// are a prefix of each entry list: they are skipped, and the index is rebuilt from the waiting
/// quotes once dead entries outnumber live ones (amortized constant work per entry).
public struct ShingleWindow<Member: Sendable>: Sendable {
    /// A message sharing sampled shingles with a quote.
    public struct Match: Sendable {
        public var member: Member
        public var date: Int64
        /// Sampled shingles of the quote the message holds.
        public var shared: Int
        /// Position, among the quote's shingles, of the first it holds.
        public var firstPosition: Int
        /// Sampled shingles of the message's own text.
        public var shingleCount: Int
    }

    /// A quote to answer: its span and its sampled shingles, distinct, in text order.
    public struct Quote: Sendable {
        public var sent: ClosedRange<Int64>
        public var shingles: [Int64]

        public init(sent: ClosedRange<Int64>, shingles: [Int64]) {
            self.sent = sent
            self.shingles = shingles
        }
    }

    /// A quote taken in: for each of its shingles, the messages holding it (up to one more than
    /// `maxHolders`: past that the shingle is a common phrase and counts for nothing).
    struct Waiting: Sendable {
        var quote: Int
        var holders: [[Int]]
    }

    /// A message that some waiting quote shares shingles with, kept while a quote refers to it.
    struct Held: Sendable {
        var member: Member
        var date: Int64
        var shingleCount: Int
        var references: Int
    }

    /// Most quotes waiting at once: past it the oldest is answered early, with what it has found
    /// (``cut`` counts those).
    public let maxWaiting: Int
    public let maxHolders: Int
    /// Quotes answered before the sweep passed their span's end, because of ``maxWaiting``.
    public private(set) var cut = 0

    private let quotes: [Quote]
    /// Quote indices in the order of their spans (which start and end in the same order).
    private let order: [Int]
    /// Next quote of `order` to take in.
    private var next = 0
    /// Waiting quotes: `waiting[i]` has sequence number `base + i`; the live ones start at `head`.
    private var waiting: [Waiting] = []
    private var base = 0
    private var head = 0
    private var index: [Int64: [(seq: Int, position: Int)]] = [:]
    private var liveEntries = 0
    private var deadEntries = 0
    private var held: [Int: Held] = [:]
    private var nextHeld = 0

    /// - Parameter quotes: spans must all have the same length (their starts and ends in the same order).
    public init(quotes: [Quote], maxHolders: Int, maxWaiting: Int = 200_000) {
        self.quotes = quotes
        self.maxHolders = maxHolders
        self.maxWaiting = max(1, maxWaiting)
        order = quotes.indices.filter { !quotes[$0].shingles.isEmpty }.sorted {
            (quotes[$0].sent.lowerBound, quotes[$0].sent.upperBound, $0) < (quotes[$1].sent.lowerBound, quotes[$1].sent.upperBound, $1)
        }
    }

    /// Quotes waiting.
    public var count: Int { waiting.count - head }

    /// The next message of the sweep (messages come in date order): first the quotes whose span
    /// ended before it are answered (returned, with the messages they share shingles with), then it
    /// is looked up in the quotes whose span holds it.
    public mutating func pass(_ member: Member, date: Int64, shingles: [Int64]) -> [(quote: Int, matches: [Match])] {
        var answered: [(quote: Int, matches: [Match])] = []
        while head < waiting.count, quotes[waiting[head].quote].sent.upperBound < date { answered.append(answerOldest()) }
        while next < order.count, quotes[order[next]].sent.lowerBound <= date {
            let q = order[next]
            next += 1
            // A span that ends before this message (the sweep skipped it) is answered with nothing.
            guard quotes[q].sent.upperBound >= date else {
                answered.append((q, []))
                continue
            }
            if count >= maxWaiting {
                answered.append(answerOldest())
                cut += 1
            }
            let seq = base + waiting.count
            waiting.append(Waiting(quote: q, holders: Array(repeating: [], count: quotes[q].shingles.count)))
            for (position, h) in quotes[q].shingles.enumerated() { index[h, default: []].append((seq, position)) }
            liveEntries += quotes[q].shingles.count
        }
        var id: Int? = nil
        for h in shingles {
            guard let entries = index[h] else { continue }
            for e in entries where e.seq >= base + head {
                let w = e.seq - base
                guard waiting[w].holders[e.position].count <= maxHolders else { continue }
                let k: Int
                if let id { k = id } else {
                    k = nextHeld
                    nextHeld += 1
                    held[k] = Held(member: member, date: date, shingleCount: shingles.count, references: 0)
                    id = k
                }
                waiting[w].holders[e.position].append(k)
                held[k]?.references += 1
            }
        }
        return answered
    }

    /// Answers every quote still waiting or not yet taken in: the sweep is over.
    public mutating func finish() -> [(quote: Int, matches: [Match])] {
        var answered: [(quote: Int, matches: [Match])] = []
        while head < waiting.count { answered.append(answerOldest()) }
        while next < order.count {
            answered.append((order[next], []))
            next += 1
        }
        return answered
    }

    private mutating func answerOldest() -> (quote: Int, matches: [Match]) {
        let w = waiting[head]
        var found: [Int: (shared: Int, first: Int)] = [:]
        for (position, holders) in w.holders.enumerated() {
            let counts = holders.count <= maxHolders
            for k in holders {
                if counts {
                    if let known = found[k] { found[k] = (known.shared + 1, known.first) } else { found[k] = (1, position) }
                }
            }
        }
        let matches = found.sorted { $0.key < $1.key }.compactMap { k, f -> Match? in
            guard let h = held[k] else { return nil }
            return Match(member: h.member, date: h.date, shared: f.shared, firstPosition: f.first, shingleCount: h.shingleCount)
        }
        for holders in w.holders {
            for k in holders {
                if let r = held[k]?.references, r > 1 { held[k]?.references = r - 1 } else { held[k] = nil }
            }
        }
        let shingleCount = quotes[w.quote].shingles.count
        waiting[head].holders = []
        head += 1
        liveEntries -= shingleCount
        deadEntries += shingleCount
        if deadEntries > liveEntries + 4_096 { compact() }
        return (w.quote, matches)
    }

    /// Rebuilds the index and the waiting list from the waiting quotes only.
    private mutating func compact() {
        waiting.removeFirst(head)
        base += head
        head = 0
        index.removeAll(keepingCapacity: true)
        for (i, w) in waiting.enumerated() {
            for (position, h) in quotes[w.quote].shingles.enumerated() { index[h, default: []].append((base + i, position)) }
        }
        deadEntries = 0
    }
}
