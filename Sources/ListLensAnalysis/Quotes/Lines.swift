
/// A body's lines as byte ranges, with the line tests the segmenter needs.
struct Lines {
    let bytes: [UInt8]
    let ranges: [Range<Int>]

    /// Only spaces, tabs, CR (and NBSP, which HTML conversion leaves in).
    func isBlank(_ r: Range<Int>) -> Bool {
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
    func quoteDepth(_ r: Range<Int>) -> (Int, Range<Int>) {
        var depth = 0
        var rest = r.lowerBound
        while depth < QuoteSegmenter.maxQuotePrefixes {
            var probe = rest
            while probe < r.upperBound, bytes[probe] == 0x20 { probe += 1 }
            guard probe < r.upperBound, bytes[probe] == UInt8(ascii: ">") else { break }
            depth += 1
            rest = probe + 1
        }
        if depth > 0, rest < r.upperBound, bytes[rest] == 0x20 { rest += 1 }
        return (depth, rest..<r.upperBound)
    }

    func string(_ r: Range<Int>) -> Substring { Substring(String(decoding: bytes[r], as: UTF8.self)) }

    func starts(_ r: Range<Int>, with prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard r.count >= n else { return false }
        return prefix.withUTF8Buffer { p in
            for k in 0..<n where bytes[r.lowerBound + k] != p[k] { return false }
            return true
        }
    }

    /// `-- ` (or a bare `--`) alone on its line.
    func isSignatureSeparator(_ r: Range<Int>) -> Bool {
        var e = r.upperBound
        if e > r.lowerBound, bytes[e - 1] == 0x0D { e -= 1 }
        let n = e - r.lowerBound
        return (n == 3 && starts(r, with: "-- ")) || (n == 2 && starts(r, with: "--"))
    }

    /// `[...]`, `[…]`, `[snip]`, `<snip>`, `...` alone on a line: an elision in a quote.
    func isElision(_ r: Range<Int>) -> Bool {
        guard r.count <= 12 else { return false }
        let t = string(r).trimmingSuffixWhitespace().drop(while: { $0 == " " }).lowercased()
        return t == "[...]" || t == "[…]" || t == "[..]" || t == "[snip]" || t == "<snip>" || t == "..." || t == "…"
            || t == "[ ... ]" || t == "(...)" || t == "[...snip...]"
    }

    /// The quote depth of the next non-blank line within three lines, or 0.
    func nextNonBlankDepth(from: Int) -> Int {
        var j = from
        while j < ranges.count, j < from + 3 {
            if !isBlank(ranges[j]) { return quoteDepth(ranges[j]).0 }
            j += 1
        }
        return 0
    }

    func nextNonBlankIsQuoted(from: Int) -> Bool {
        var j = from
        while j < ranges.count, j < from + 3 {
            if !isBlank(ranges[j]) { return quoteDepth(ranges[j]).0 > 0 }
            j += 1
        }
        return false
    }

    func isAttribution(_ r: Range<Int>, nextQuoted: Bool) -> Bool {
        guard nextQuoted, r.count <= QuoteSegmenter.maxAttributionLength * 4 else { return false }
        return QuoteSegmenter.isAttribution(string(r), nextQuoted: true)
    }

    func isOriginalMessageMarker(_ r: Range<Int>) -> Bool {
        guard starts(r, with: "---") else { return false }
        return QuoteSegmenter.isOriginalMessageMarker(string(r))
    }

    /// Outlook's reply header block: a `From:` line followed within three lines by `Sent:` or `Date:`.
    func isOutlookHeaderStart(_ i: Int) -> Bool {
        let (_, c) = quoteDepth(ranges[i])
        guard starts(c, with: "From:") || starts(c, with: "*From:*") else { return false }
        var j = i + 1
        while j < ranges.count, j <= i + 3 {
            let (_, n) = quoteDepth(ranges[j])
            if starts(n, with: "Sent:") || starts(n, with: "*Sent:*") || starts(n, with: "Date:") { return true }
            j += 1
        }
        return false
    }

    /// Mailman's footer (`___…___` then a line naming the mailing list), or pipermail's scrubbed-part note.
    func isFooterStart(_ i: Int) -> Bool {
        let r = ranges[i]
        if starts(r, with: "-------------- next part --------------") { return true }
        guard r.count >= 40, bytes[r].allSatisfy({ $0 == UInt8(ascii: "_") || $0 == 0x0D }), i + 1 < ranges.count else { return false }
        return string(ranges[i + 1]).lowercased().contains("mailing list")
    }
}

extension Substring {
    func trimmingSuffixWhitespace() -> Substring {
        var s = self
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return s
    }
}
