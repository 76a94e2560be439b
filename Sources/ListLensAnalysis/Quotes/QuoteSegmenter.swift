import ListLensMail
/// Splits a message's text into ``BodySegment``s: authored, quoted (with depth), attribution,
/// signature and list footer.
///
/// Lines are classified one by one, in one pass, never by backtracking patterns (talon's idea of
/// marking lines first, without its regexes):
/// - `>` prefixes give the quote depth (`> > x` and `>> x` are both depth 2);
/// - `On … wrote:` / `… writes:` / `-----Original Message-----` / Outlook's `From:` + `Sent:` block
///   are attributions; after an Outlook-style header every unprefixed line is quoted one level deeper;
/// - `-- ` starts a signature; Mailman's `___…` footer and pipermail's `-------------- next part
///   --------------` start list-added text that runs to the end.
public enum QuoteSegmenter {
    /// Longest line looked at for attribution patterns; longer lines are plain text.
    static let maxAttributionLength = 400

    public static func segments(of text: String) -> [BodySegment] {
        // Work on UTF-8 bytes and line ranges; Strings are made once per segment (STYLE.md §4.1:
        // Character iteration made this the slowest stage of import).
        let bytes = Array(text.utf8)
        var lines: [Range<Int>] = []
        var start = 0
        bytes.withUnsafeBufferPointer { buf in
            for i in 0..<buf.count where buf[i] == 0x0A {
                lines.append(start..<i)
                start = i + 1
            }
        }
        lines.append(start..<bytes.count)
        let body = Lines(bytes: bytes, ranges: lines)

        var segments: [BodySegment] = []
        var current: (kind: BodySegment.Kind, depth: Int, lines: [Range<Int>])? = nil
        func emit(_ kind: BodySegment.Kind, _ depth: Int, _ line: Range<Int>) {
            if let c = current, c.kind == kind, c.depth == depth {
                current!.lines.append(line)   // current is non-nil: just checked
                return
            }
            flush()
            current = (kind, depth, [line])
        }
        func flush() {
            guard let c = current else { return }
            var ls = c.lines[...]
            while let l = ls.last, body.isBlank(l) { ls = ls.dropLast() }
            while let f = ls.first, body.isBlank(f) { ls = ls.dropFirst() }
            if !ls.isEmpty {
                var out: [UInt8] = []
                for (k, r) in ls.enumerated() {
                    if k > 0 { out.append(0x0A) }
                    out.append(contentsOf: bytes[r])
                }
                segments.append(BodySegment(kind: c.kind, depth: c.depth, text: String(decoding: out, as: UTF8.self)))
            }
            current = nil
        }

        var mode: BodySegment.Kind? = nil      // signature or footer: runs on
        var outlookBase = 0                     // extra depth under an Outlook header block
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if mode != .footer, body.isFooterStart(i) { mode = .footer }
            if mode == .footer { emit(.footer, 0, line); i += 1; continue }

            let (depth, content) = body.quoteDepth(line)
            if depth == 0 && outlookBase == 0 && mode == nil && body.isSignatureSeparator(line) {
                mode = .signature
                i += 1
                continue   // the separator itself is not part of the signature text
            }
            if mode == .signature && depth == 0 && outlookBase == 0 {
                if body.isOriginalMessageMarker(line) || body.isOutlookHeaderStart(i) { mode = nil } else {
                    emit(.signature, 0, line); i += 1; continue
                }
            }
            if depth > 0 && mode == .signature { mode = nil }

            if body.isOriginalMessageMarker(content) {
                emit(.attribution, depth + outlookBase, content)
                outlookBase += 1
                i += 1
                continue
            }
            if body.isOutlookHeaderStart(i) {
                // From:/Sent:/To:/Subject: lines, up to the first blank line: the attribution.
                let base = depth + outlookBase
                // A block that opens a quote (an HTML blockquote starting with a forwarded header, after
                // "Begin forwarded message:") already has its depth; otherwise the text after it is one deeper.
                let opensQuote = base > 0 && current.map { !($0.kind == .quoted && $0.depth >= base) } ?? true
                while i < lines.count {
                    let (_, c) = body.quoteDepth(lines[i])
                    if body.isBlank(c) { break }
                    emit(.attribution, base, c)
                    i += 1
                }
                if !opensQuote { outlookBase += 1 }
                continue
            }
            if depth == 0 && outlookBase == 0 && body.isAttribution(line, nextQuoted: body.nextNonBlankIsQuoted(from: i + 1)) {
                emit(.attribution, 0, line)
                i += 1
                continue
            }
            let total = depth + outlookBase
            if total > 0, body.isAttribution(content, nextQuoted: true) {
                if body.nextNonBlankDepth(from: i + 1) > depth {
                    // `> On … wrote:` above `>>` lines: it introduces the deeper quote, at its own depth.
                    emit(.attribution, total, content)
                    i += 1
                    continue
                }
                if current.map({ !($0.kind == .quoted && $0.depth >= total) }) ?? true {
                    // Apple Mail and Yahoo put `On … wrote:` inside the quote, as its first line: it introduces
                    // the quote, so it is an attribution one level up.
                    emit(.attribution, total - 1, content)
                    i += 1
                    continue
                }
            }
            if total == 0, body.isElision(content) {
                // `[...]` between or after quoted lines elides part of that quote: it belongs there.
                let before = current.map { $0.kind == .quoted ? $0.depth : 0 } ?? 0
                let after = body.nextNonBlankDepth(from: i + 1)
                let d = before > 0 && after > 0 ? min(before, after) : max(before, after)
                emit(d == 0 ? .authored : .quoted, d, content)
                i += 1
                continue
            }
            if body.isBlank(content), let c = current {
                emit(c.kind, c.depth, content)   // blank lines stay with the segment they sit in
            } else {
                emit(total == 0 ? .authored : .quoted, total, content)
            }
            i += 1
        }
        flush()
        return segments
    }

    /// `On Mon, 1 Jul 2013, Glyph wrote:`, `Glyph <g@x> writes:`, `Quoting Glyph:` followed by a quote.
    static func isAttribution(_ line: Substring, nextQuoted: Bool) -> Bool {
        guard nextQuoted, line.count <= maxAttributionLength else { return false }
        let t = line.trimmingSuffixWhitespace().lowercased()
        return t.hasSuffix("wrote:") || t.hasSuffix("writes:") || t.hasSuffix("said:") || t.hasSuffix("a écrit :")
            || t.hasSuffix("a écrit:") || t.hasSuffix("schrieb:") || (t.hasPrefix("quoting ") && t.hasSuffix(":"))
            || (t.hasPrefix("on ") && t.hasSuffix(":")) || t == "begin forwarded message:"
    }

    /// `-----Original Message-----`, `----- Original Message -----`, `-------- Forwarded Message --------`.
    static func isOriginalMessageMarker(_ line: Substring) -> Bool {
        let t = line.trimmingSuffixWhitespace()
        guard t.hasPrefix("---"), t.hasSuffix("---"), t.count <= 80 else { return false }
        let inner = t.filter { $0 != "-" }.trimmingCharacters(in: " ").lowercased()
        return inner == "original message" || inner == "forwarded message" || inner == "message d'origine"
            || inner == "ursprüngliche nachricht"
    }

}

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
        while depth < 64 {
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
