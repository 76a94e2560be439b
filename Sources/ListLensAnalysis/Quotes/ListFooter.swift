/// A trailer a list's server adds under its messages (Google Groups' `You received this message
/// because…`, groups.io's links, a Mailman footer in the list's own words), learned per list as the
/// lines most of its messages end with (``ListFooter/Learner``): the list's text, not the sender's,
/// wherever it appears, at the end of a message or quoted in a reply.
///
/// Lines are compared normalized (``normalize(_:)``), so a footer that names each message (Google
/// Groups links to it) is still one footer.
public struct ListFooter: Sendable, Equatable, Hashable {
    /// The footer's lines, normalized, top to bottom; never empty.
    public let lines: [String]

    public init?(lines: [String]) {
        guard !lines.isEmpty, lines.count <= Self.maxLines else { return nil }
        self.lines = lines
    }

    /// Most lines a footer has: learning reads this many trailing lines of each message.
    public static let maxLines = 12
    /// Bytes of a message's end learning reads: footers are a few hundred bytes.
    public static let tailBytes = 1_200
    /// Longest line compared (bytes): longer lines are text, never footer lines.
    public static let maxLineBytes = 400
    /// A token longer than this names one message (an id, a tracking link) and compares as `*`.
    static let maxPlainTokenBytes = 30

    /// A line as footers compare it: without its `>` prefixes and surrounding white space, ASCII
    /// lowercased, each run of digits as one `0`, and each token naming one message (one with `@` or `%40`, or longer
    /// than 30 bytes) as `*`; nil for a blank or over-long line.
    public static func normalize(_ line: Substring) -> String? {
        var copy = line
        return copy.withUTF8 { normalize(bytes: $0) }
    }

    /// ``normalize(_:)`` of a line's UTF-8 bytes.
    static func normalize(bytes line: UnsafeBufferPointer<UInt8>) -> String? {
        guard line.count <= maxLineBytes else { return nil }
        // `>` prefixes, spaces between them, and white space around the line.
        var start = 0
        while start < line.count, line[start] == UInt8(ascii: ">") || line[start] == 0x20 || line[start] == 0x09 { start += 1 }
        var end = line.count
        while end > start, line[end - 1] == 0x20 || line[end - 1] == 0x09 || line[end - 1] == 0x0D { end -= 1 }
        guard end > start else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        while i < end {
            if line[i] == 0x20 || line[i] == 0x09 {
                if out.last != 0x20 { out.append(0x20) }
                i += 1
                continue
            }
            var j = i
            var namesOne = false
            while j < end, line[j] != 0x20, line[j] != 0x09 {
                if line[j] == UInt8(ascii: "@") { namesOne = true }
                if line[j] == UInt8(ascii: "%"), j + 2 < end, line[j + 1] == UInt8(ascii: "4"), line[j + 2] == UInt8(ascii: "0") { namesOne = true }
                j += 1
            }
            if namesOne || j - i > maxPlainTokenBytes {
                out.append(UInt8(ascii: "*"))
            } else {
                for k in i..<j {
                    let f = fold(line[k])
                    if f == UInt8(ascii: "0"), out.last == f { continue }   // a number of any length is one `0`
                    out.append(f)
                }
            }
            i = j
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A byte as footers compare it: a digit as `0`, an ASCII letter lowercased.
    @inline(__always) static func fold(_ b: UInt8) -> UInt8 {
        (0x30...0x39).contains(b) ? 0x30 : (0x41...0x5A).contains(b) ? b | 0x20 : b
    }

    /// The last non-blank lines of `text` (at most ``maxLines``), normalized, top to bottom: what a
    /// footer would be. Only the text's own lines count (a `>` line ends the trailer).
    public static func trailer(of text: Substring) -> [String] {
        var copy = text
        return copy.withUTF8 { bytes in
            var out: [String] = []
            var end = bytes.count
            while out.count < maxLines, end > 0 {
                // The line before `end`: back to the previous newline, byte by byte.
                var start = end
                while start > 0, bytes[start - 1] != 0x0A { start -= 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                end = start > 0 ? start - 1 : 0
                if line.first == UInt8(ascii: ">") { break }
                if line.count > maxLineBytes { break }
                if let n = normalize(bytes: line) { out.append(n) }
                if start == 0 { break }
            }
            return out.reversed()
        }
    }

    /// A stable 64-bit hash of one normalized line (FNV-1a; the same in every process).
    static func hash(_ line: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in line.utf8 { h = (h ^ UInt64(b)) &* 0x0100_0000_01b3 }
        return h
    }

    /// The hash of a line above a run of lines whose hash is `below`: trailers of k + 1 lines from those of k.
    static func hash(_ line: UInt64, above below: UInt64) -> UInt64 {
        (below ^ (line &+ 0x9e37_79b9_7f4a_7c15 &+ (below << 6) &+ (below >> 2))) &* 0x0100_0000_01b3
    }
}

extension ListFooter {
    /// Learns a list's footer from its messages' trailers in one pass, in bounded memory: for each
    /// length k, Misra–Gries counters over the messages' last-k-lines, which undercount by at most
    /// messages/(counters + 1). A footer is the longest trailer its counter credits to at least
    /// ``minimumShare`` of the messages and ``minimumMessages``: no false footer, and one shared by
    /// barely more than half the messages may be missed.
    public struct Learner: Sendable {
        /// Share of a list's messages that must end with the footer: "the trailer most of its messages share".
        public static let minimumShare = 0.5
        /// Fewest messages a footer is learned from.
        public static let minimumMessages = 10
        /// Fewest bytes a footer holds: a lone `--` or `Thanks` shared by many is not one.
        public static let minimumBytes = 24
        static let counters = 32

        public private(set) var messages = 0
        /// `tables[k - 1]`: the counters for trailers of k lines.
        private var tables: [Counters] = Array(repeating: Counters(), count: ListFooter.maxLines)

        /// Misra–Gries counters in arrays: a miss on a full table takes one from every counter, and
        /// the ones at zero go. Each counter keeps the lines of one trailer it counts.
        struct Counters: Sendable {
            var keys: [UInt64] = []
            var counts: [Int] = []
            var lines: [[String]] = []

            mutating func add(_ key: UInt64, _ suffix: @autoclosure () -> [String]) {
                if let i = keys.firstIndex(of: key) {
                    counts[i] += 1
                } else if keys.count < Learner.counters {
                    keys.append(key)
                    counts.append(1)
                    lines.append(suffix())
                } else {
                    var kept = 0
                    for i in keys.indices where counts[i] > 1 {
                        keys[kept] = keys[i]
                        counts[kept] = counts[i] - 1
                        lines.swapAt(kept, i)
                        kept += 1
                    }
                    keys.removeLast(keys.count - kept)
                    counts.removeLast(counts.count - kept)
                    lines.removeLast(lines.count - kept)
                }
            }

            var best: (count: Int, lines: [String])? {
                counts.indices.max { counts[$0] < counts[$1] }.map { (counts[$0], lines[$0]) }
            }
        }

        public init() {}

        /// One message's trailer (``ListFooter/trailer(of:)``).
        public mutating func observe(_ trailer: [String]) {
            messages += 1
            var h: UInt64 = 0
            for k in stride(from: 1, through: min(ListFooter.maxLines, trailer.count), by: 1) {
                h = ListFooter.hash(ListFooter.hash(trailer[trailer.count - k]), above: h)
                tables[k - 1].add(h, Array(trailer.suffix(k)))
            }
        }

        /// The most messages any trailer of one line can still be credited with: when that cannot
        /// reach a footer's share of `total`, reading further can find none.
        public func cannotFindFooter(of total: Int) -> Bool {
            let needed = max(Self.minimumMessages, Int((Double(total) * Self.minimumShare).rounded(.up)))
            return (tables[0].best?.count ?? 0) + (messages / (Self.counters + 1)) + (total - messages) < needed
        }

        /// The footer most messages end with, if one is shared widely enough.
        public var footer: ListFooter? {
            guard messages >= Self.minimumMessages else { return nil }
            let needed = max(Self.minimumMessages, Int((Double(messages) * Self.minimumShare).rounded(.up)))
            for k in stride(from: ListFooter.maxLines, through: 1, by: -1) {
                guard let best = tables[k - 1].best, best.count >= needed else { continue }
                guard best.lines.reduce(0, { $0 + $1.utf8.count }) >= Self.minimumBytes else { return nil }
                return ListFooter(lines: best.lines)
            }
            return nil
        }
    }
}
