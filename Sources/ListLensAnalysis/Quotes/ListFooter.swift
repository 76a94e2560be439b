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
        var bytes = Array(line.utf8.prefix(maxLineBytes + 1))
        guard bytes.count <= maxLineBytes else { return nil }
        // `>` prefixes, spaces between them, and white space around the line.
        var start = 0
        while start < bytes.count, bytes[start] == UInt8(ascii: ">") || bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        var end = bytes.count
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
        guard end > start else { return nil }
        bytes = Array(bytes[start..<end])
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x20 || bytes[i] == 0x09 {
                if out.last != 0x20 { out.append(0x20) }
                i += 1
                continue
            }
            var j = i
            var namesOne = false
            while j < bytes.count, bytes[j] != 0x20, bytes[j] != 0x09 {
                if bytes[j] == UInt8(ascii: "@") { namesOne = true }
                if bytes[j] == UInt8(ascii: "%"), j + 2 < bytes.count, bytes[j + 1] == UInt8(ascii: "4"), bytes[j + 2] == UInt8(ascii: "0") { namesOne = true }
                j += 1
            }
            if namesOne || j - i > maxPlainTokenBytes {
                out.append(UInt8(ascii: "*"))
            } else {
                for b in bytes[i..<j] {
                    let f = fold(b)
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
        var out: [String] = []
        var rest = text
        while out.count < maxLines, !rest.isEmpty {
            let cut = rest.lastIndex(of: "\n")
            let line = cut.map { rest[rest.index(after: $0)...] } ?? rest
            rest = cut.map { rest[..<$0] } ?? ""
            if line.utf8.first == UInt8(ascii: ">") { break }
            guard let n = normalize(line) else {
                if line.utf8.count > maxLineBytes { break }
                continue
            }
            out.append(n)
        }
        return out.reversed()
    }

    /// A stable 64-bit hash of normalized lines (FNV-1a; the same in every process).
    static func hash(_ lines: ArraySlice<String>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for line in lines {
            for b in line.utf8 { h = (h ^ UInt64(b)) &* 0x0100_0000_01b3 }
            h = (h ^ 0x0A) &* 0x0100_0000_01b3
        }
        return h
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
        /// `counts[k - 1]`: counters for trailers of k lines, by hash, with the lines of one such trailer.
        private var counts: [[UInt64: (count: Int, lines: [String])]] = Array(repeating: [:], count: ListFooter.maxLines)

        public init() {}

        /// One message's trailer (``ListFooter/trailer(of:)``).
        public mutating func observe(_ trailer: [String]) {
            messages += 1
            for k in 1...ListFooter.maxLines where k <= trailer.count {
                let suffix = trailer.suffix(k)
                let h = ListFooter.hash(suffix)
                if let c = counts[k - 1][h] {
                    counts[k - 1][h] = (c.count + 1, c.lines)
                } else if counts[k - 1].count < Self.counters {
                    counts[k - 1][h] = (1, Array(suffix))
                } else {
                    // Misra–Gries: every counter loses one; the ones at zero go.
                    for (key, c) in counts[k - 1] {
                        if c.count <= 1 { counts[k - 1][key] = nil } else { counts[k - 1][key] = (c.count - 1, c.lines) }
                    }
                }
            }
        }

        /// The footer most messages end with, if one is shared widely enough.
        public var footer: ListFooter? {
            guard messages >= Self.minimumMessages else { return nil }
            let needed = max(Self.minimumMessages, Int((Double(messages) * Self.minimumShare).rounded(.up)))
            for k in stride(from: ListFooter.maxLines, through: 1, by: -1) {
                guard let best = counts[k - 1].values.max(by: { $0.count < $1.count }), best.count >= needed else { continue }
                guard best.lines.reduce(0, { $0 + $1.utf8.count }) >= Self.minimumBytes else { return nil }
                return ListFooter(lines: best.lines)
            }
            return nil
        }
    }
}
