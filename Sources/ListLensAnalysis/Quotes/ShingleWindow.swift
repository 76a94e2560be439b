/// The sampled shingles (``Shingles/sampled(_:)``) of the messages sent within a span of time, held
/// in memory while a sweep in date order passes over them: where a quote is looked up among the
/// messages sent shortly before it.
///
/// A reply quotes what was sent days or weeks before it, rarely months: on twisted-python 99.7% of
/// the replies that quote their parent were sent within 90 days of it. So a sweep keeps only that
/// span, not an index of the whole archive: messages are added in date order, those that fell out
/// of the span are dropped, and a quote is compared with what remains. Memory follows the busiest
/// span, never the archive, and is bounded by ``maxMessages``.
///
/// Postings are appended in the order messages were added, so those of dropped messages are a
/// prefix of each list: they are skipped by one binary search, and the whole index is rebuilt from
/// the live messages once the dead postings outnumber the live ones (amortized constant work per
/// posting).
public struct ShingleWindow<Member: Sendable>: Sendable {
    /// A message the window holds, with its date (epoch seconds) and its sampled shingles.
    struct Slot: Sendable {
        var date: Int64
        var member: Member
        var shingles: [Int64]
    }

    /// A held message sharing sampled shingles with a looked-up text.
    public struct Match: Sendable {
        public var member: Member
        public var date: Int64
        /// Sampled shingles of the text the message holds.
        public var shared: Int
        /// Position, among the looked-up text's shingles, of the first it holds.
        public var firstPosition: Int
        /// Sampled shingles of the message's own text.
        public var shingleCount: Int
    }

    /// Most messages held at once: a span busier than this keeps only its latest messages
    /// (``cut`` counts those dropped early).
    public let maxMessages: Int
    /// Messages dropped before they left the span, because of ``maxMessages``.
    public private(set) var cut = 0

    /// Held and dropped slots; `slots[i]` has sequence number `base + i`, the live ones start at `head`.
    private var slots: [Slot] = []
    private var base = 0
    private var head = 0
    /// Sequence numbers of the slots holding each shingle, ascending.
    private var postings: [Int64: [Int]] = [:]
    private var livePostings = 0
    private var deadPostings = 0

    public init(maxMessages: Int = 100_000) {
        self.maxMessages = max(1, maxMessages)
    }

    /// Messages held.
    public var count: Int { slots.count - head }

    /// Adds a message; messages are added in date order. Its shingles are taken as distinct.
    public mutating func add(_ member: Member, date: Int64, shingles: [Int64]) {
        if count >= maxMessages {
            dropOldest()
            cut += 1
        }
        let seq = base + slots.count
        slots.append(Slot(date: date, member: member, shingles: shingles))
        for h in shingles { postings[h, default: []].append(seq) }
        livePostings += shingles.count
    }

    /// Drops the messages sent before `date`.
    public mutating func drop(sentBefore date: Int64) {
        while head < slots.count, slots[head].date < date { dropOldest() }
    }

    private mutating func dropOldest() {
        livePostings -= slots[head].shingles.count
        deadPostings += slots[head].shingles.count
        slots[head].shingles = []
        head += 1
        if deadPostings > livePostings + 4_096 { compact() }
    }

    /// Rebuilds the postings and the slots from the live messages only.
    private mutating func compact() {
        slots.removeFirst(head)
        base += head
        head = 0
        postings.removeAll(keepingCapacity: true)
        for (i, s) in slots.enumerated() {
            for h in s.shingles { postings[h, default: []].append(base + i) }
        }
        deadPostings = 0
    }

    /// The live sequence numbers of one posting list.
    private func live(_ list: [Int]) -> ArraySlice<Int> {
        let first = base + head
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid] < first { lo = mid + 1 } else { hi = mid }
        }
        return list[lo...]
    }

    /// The held messages sent within `dates` that share sampled shingles with `shingles` (a text's,
    /// in text order), in the order they were added. A shingle held by more than `maxHolders`
    /// messages is a common phrase and counts for nothing.
    public func sharing(_ shingles: [Int64], maxHolders: Int, sent dates: ClosedRange<Int64>) -> [Match] {
        var found: [Int: (shared: Int, first: Int)] = [:]
        for (position, h) in shingles.enumerated() {
            guard let list = postings[h] else { continue }
            let holders = live(list)
            guard holders.count <= maxHolders else { continue }
            for seq in holders where dates.contains(slots[seq - base].date) {
                if let known = found[seq] {
                    found[seq] = (known.shared + 1, known.first)
                } else {
                    found[seq] = (1, position)
                }
            }
        }
        return found.sorted { $0.key < $1.key }.map { seq, f in
            let slot = slots[seq - base]
            return Match(member: slot.member, date: slot.date, shared: f.shared, firstPosition: f.first, shingleCount: slot.shingles.count)
        }
    }
}
