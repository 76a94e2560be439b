/// A body's lines as byte ranges, each with its `>` prefix depth and its content after the prefixes,
/// computed once; the line tests the segmenter needs, each bounded in the work it does per line.
struct Lines {
    let bytes: [UInt8]
    /// Whole lines, without their `\n`.
    let ranges: [Range<Int>]
    /// `>` prefixes of each line (at most ``QuoteSegmenter/maxQuotePrefixes``).
    let prefix: [Int]
    /// Each line after its `>` prefixes and one optional space.
    let content: [Range<Int>]
    let blank: [Bool]
    /// True when some line had more `>` prefixes than the segmenter reads.
    let prefixLimitReached: Bool

    /// Longest line turned into a `String` to be tested against attribution and signature words;
    /// longer lines are text. Keeps a 5 MB single line from being copied per test.
    static let maxTestedLineBytes = AttributionParser.maxLineLength * 4
    /// A quoted line at least this long may have been wrapped; a tail of at most this many bytes is its rest.
    static let wrappedLineBytes = 60
    static let wrappedTailBytes = 40

    init(_ text: String) {
        let bytes = Array(text.utf8)
        var ranges: [Range<Int>] = []
        var start = 0
        bytes.withUnsafeBufferPointer { buf in
            for i in 0..<buf.count where buf[i] == 0x0A {
                ranges.append(start..<i)
                start = i + 1
            }
        }
        ranges.append(start..<bytes.count)
        var prefix: [Int] = []
        var content: [Range<Int>] = []
        var blank: [Bool] = []
        var limited = false
        prefix.reserveCapacity(ranges.count)
        content.reserveCapacity(ranges.count)
        blank.reserveCapacity(ranges.count)
        for r in ranges {
            let (d, c, cut) = Self.quoteDepth(bytes, r)
            prefix.append(d)
            content.append(c)
            blank.append(Self.isBlank(bytes, c))
            limited = limited || cut
        }
        // A quoted line wrapped by a mailer after it was quoted leaves its tail without `>`: a short
        // line between two quoted lines of one depth, below a long one, belongs to that quote.
        if ranges.count >= 3 {
            for i in 1..<(ranges.count - 1) where !blank[i] && prefix[i] < prefix[i - 1] && prefix[i + 1] == prefix[i - 1]
                && !blank[i - 1] && content[i - 1].count >= Self.wrappedLineBytes && ranges[i].count <= Self.wrappedTailBytes {
                prefix[i] = prefix[i - 1]
            }
        }
        self.bytes = bytes
        self.ranges = ranges
        self.prefix = prefix
        self.content = content
        self.blank = blank
        self.prefixLimitReached = limited
    }

    var count: Int { ranges.count }

    /// Only spaces, tabs, CR (and NBSP, which HTML conversion leaves in).
    static func isBlank(_ bytes: [UInt8], _ r: Range<Int>) -> Bool {
        var i = r.lowerBound
        while i < r.upperBound {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C { i += 1; continue }
            if b == 0xC2, i + 1 < r.upperBound, bytes[i + 1] == 0xA0 { i += 2; continue }
            return false
        }
        return true
    }

    /// `>` markers, spaces allowed between them; the content after one optional space.
    static func quoteDepth(_ bytes: [UInt8], _ r: Range<Int>) -> (Int, Range<Int>, cut: Bool) {
        var depth = 0
        var rest = r.lowerBound
        while true {
            var probe = rest
            while probe < r.upperBound, bytes[probe] == 0x20 { probe += 1 }
            guard probe < r.upperBound, bytes[probe] == UInt8(ascii: ">") else { break }
            if depth == QuoteSegmenter.maxQuotePrefixes { return (depth, rest..<r.upperBound, true) }
            depth += 1
            rest = probe + 1
        }
        if depth > 0, rest < r.upperBound, bytes[rest] == 0x20 { rest += 1 }
        return (depth, rest..<r.upperBound, false)
    }

    /// The line's content as text, or nil when it is too long to be anything but text.
    func testable(_ i: Int) -> Substring? {
        let r = content[i]
        guard r.count <= Self.maxTestedLineBytes else { return nil }
        return Substring(String(decoding: bytes[r], as: UTF8.self))
    }

    func starts(_ r: Range<Int>, with prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard r.count >= n else { return false }
        return prefix.withUTF8Buffer { p in
            for k in 0..<n where bytes[r.lowerBound + k] != p[k] { return false }
            return true
        }
    }

    /// The first and last bytes of the content that are not spaces, tabs or CR.
    func edges(_ i: Int) -> (first: UInt8, last: UInt8)? {
        let r = content[i]
        var a = r.lowerBound, b = r.upperBound
        while a < b, bytes[a] == 0x20 || bytes[a] == 0x09 { a += 1 }
        while b > a, bytes[b - 1] == 0x20 || bytes[b - 1] == 0x09 || bytes[b - 1] == 0x0D { b -= 1 }
        return a < b ? (bytes[a], bytes[b - 1]) : nil
    }

    /// The bytes of indentation that mark an indented quote (Outlook for Mac: four spaces, or a tab); 0 for none.
    func quoteIndent(_ i: Int) -> Int { indent(content[i]) }

    /// Like ``quoteIndent(_:)``, before any `>` of the line: `    > quoted` is indented too.
    func rawIndent(_ i: Int) -> Int { indent(ranges[i]) }

    private func indent(_ r: Range<Int>) -> Int {
        if r.count > 0, bytes[r.lowerBound] == 0x09 { return 1 }
        guard r.count >= 4 else { return 0 }
        for k in 0..<4 where bytes[r.lowerBound + k] != 0x20 { return 0 }
        return 4
    }

    /// The index of the next non-blank line within `limit` lines after `from`, or nil.
    func nextNonBlank(from: Int, limit: Int = 3) -> Int? {
        var j = from
        while j < ranges.count, j < from + limit {
            if !blank[j] { return j }
            j += 1
        }
        return nil
    }

    /// `-- ` (or a bare `--`) alone on its line.
    func isSignatureSeparator(_ i: Int) -> Bool {
        let r = content[i]
        var e = r.upperBound
        if e > r.lowerBound, bytes[e - 1] == 0x0D { e -= 1 }
        let n = e - r.lowerBound
        return (n == 3 && starts(r, with: "-- ")) || (n == 2 && starts(r, with: "--"))
    }

    /// `[...]`, `[…]`, `[snip]`, `<snip>`, `...` alone on a line: an elision in a quote.
    func isElision(_ i: Int) -> Bool {
        guard content[i].count <= 16, let s = testable(i) else { return false }
        let t = s.trimmingCharacters(in: " \t\r\u{A0}").lowercased()
        return t == "[...]" || t == "[…]" || t == "[..]" || t == "[snip]" || t == "<snip>" || t == "..." || t == "…"
            || t == "[ ... ]" || t == "(...)" || t == "[...snip...]" || t == "[snipped]" || t == "<snipped>" || t == "(snip)"
            || t == "<...>" || t == "[ snip ]"
    }

    /// A line of eight or more `_` or `-` (Outlook's rule above a header block), nothing else.
    func isRule(_ i: Int) -> Bool {
        let r = content[i]
        var count = 0
        for b in bytes[r] {
            if b == UInt8(ascii: "_") || b == UInt8(ascii: "-") { count += 1; continue }
            if b == 0x20 || b == 0x09 || b == 0x0D { continue }
            return false
        }
        return count >= 8
    }

    /// A quoted header field (`From:`, `*Von:*`, `发件人：`): cheap byte tests first.
    func headerField(_ i: Int) -> (key: AttributionParser.HeaderKey, value: Substring)? {
        guard !blank[i], content[i].count <= Self.maxTestedLineBytes else { return nil }
        let r = content[i]
        // A colon (ASCII, or the first byte of a full-width one) within the first 40 bytes.
        guard let colon = bytes[r.lowerBound..<min(r.upperBound, r.lowerBound + 40)].firstIndex(where: { $0 == UInt8(ascii: ":") || $0 == 0xEF })
        else { return nil }
        // A key in ASCII before an ASCII colon is looked up from the bytes: most lines with a colon
        // (prose, code) are turned away without being copied into a String.
        if bytes[colon] == UInt8(ascii: ":"), let key = AttributionParser.asciiKey(bytes[r.lowerBound..<colon]),
           AttributionParser.asciiHeaderKeys[key] == nil {
            return nil
        }
        guard let s = testable(i) else { return nil }
        return AttributionParser.headerField(s)
    }

    /// A header block: a `From:` field at this prefix, and another field within the next four lines.
    func isHeaderBlockStart(_ i: Int) -> Bool {
        guard let f = headerField(i), f.key == .from else { return false }
        var j = i + 1
        while j < ranges.count, j <= i + 4, prefix[j] == prefix[i] {
            if let g = headerField(j), g.key != .from { return true }
            j += 1
        }
        return false
    }

    static let introBytes: [[UInt8]] = AttributionParser.intros.map { Array($0.utf8) }

    /// Opens like a reply line (`On `, `Le `, `Am `, … in ASCII case, or a digit): the test before a
    /// wrapped attribution is joined and parsed.
    func startsLikeReplyLine(_ i: Int) -> Bool {
        let r = content[i]
        var a = r.lowerBound
        while a < r.upperBound, bytes[a] == 0x20 { a += 1 }
        guard a < r.upperBound else { return false }
        if (0x30...0x39).contains(bytes[a]) { return true }
        for u in Self.introBytes {
            guard a + u.count <= r.upperBound else { continue }
            var same = true
            for k in 0..<u.count {
                var b = bytes[a + k]
                if (0x41...0x5A).contains(b) { b += 0x20 }
                if b != u[k] { same = false; break }
            }
            if same { return true }
        }
        return false
    }

    /// The first letter of every opening in ``SignatureRules/disclaimerOpenings`` (ASCII case), after
    /// spaces and `*`: the test before a line is lowercased and compared.
    func mayOpenDisclaimer(_ i: Int) -> Bool {
        let r = content[i]
        var a = r.lowerBound
        while a < r.upperBound, bytes[a] == 0x20 || bytes[a] == UInt8(ascii: "*") || bytes[a] == UInt8(ascii: ":") { a += 1 }
        guard a < r.upperBound else { return false }
        return Self.disclaimerInitials.contains(bytes[a] | 0x20)
    }

    static let disclaimerInitials: Set<UInt8> = Set(SignatureRules.disclaimerOpenings.compactMap { $0.utf8.first })

    /// Mailman's footer: `___…___` then a line naming the mailing list.
    func isFooterStart(_ i: Int) -> Bool {
        let r = content[i]
        guard r.count >= 30, bytes[r].allSatisfy({ $0 == UInt8(ascii: "_") || $0 == 0x0D || $0 == 0x20 }), i + 1 < ranges.count,
              let next = testable(i + 1) else { return false }
        return next.lowercased().contains("mailing list")
    }

    /// pipermail's `-------------- next part --------------`, above a scrubbed or inlined attachment.
    func isArchiveNoteStart(_ i: Int) -> Bool {
        prefix[i] == 0 && starts(ranges[i], with: "-------------- next part --------------")
    }
}
