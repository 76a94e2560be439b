import ListLensText
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
    /// Most `>` prefixes read from one line: further ones stay in the line's text, at this depth.
    /// A bound on work per line for hostile input; mail quotes a few levels deep.
    public static let maxQuotePrefixes = 64

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
