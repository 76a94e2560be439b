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
        var segments: [BodySegment] = []
        var current: (kind: BodySegment.Kind, depth: Int, lines: [Substring])? = nil
        func emit(_ kind: BodySegment.Kind, _ depth: Int, _ line: Substring) {
            if let c = current, c.kind == kind, c.depth == depth {
                current!.lines.append(line)   // current is non-nil: just checked
                return
            }
            flush()
            current = (kind, depth, [line])
        }
        func flush() {
            guard let c = current else { return }
            var lines = c.lines
            while let l = lines.last, l.allSatisfy(\.isWhitespace) { lines.removeLast() }
            while let f = lines.first, f.allSatisfy(\.isWhitespace) { lines.removeFirst() }
            if !lines.isEmpty { segments.append(BodySegment(kind: c.kind, depth: c.depth, text: lines.joined(separator: "\n"))) }
            current = nil
        }

        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var mode: BodySegment.Kind? = nil      // signature or footer: runs on
        var outlookBase = 0                     // extra depth under an Outlook header block
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if isFooterStart(line, next: i + 1 < lines.count ? lines[i + 1] : nil) {
                mode = .footer
            }
            if mode == .footer { emit(.footer, 0, line); i += 1; continue }

            let (depth, content) = quoteDepth(line)
            if depth == 0 && outlookBase == 0 && (line == "-- " || line == "--") && mode == nil {
                mode = .signature
                i += 1
                continue   // the separator itself is not part of the signature text
            }
            if mode == .signature && depth == 0 && outlookBase == 0 {
                if isOriginalMessageMarker(line) || isOutlookHeaderStart(lines, i) { mode = nil } else {
                    emit(.signature, 0, line); i += 1; continue
                }
            }
            if depth > 0 && mode == .signature { mode = nil }

            if isOriginalMessageMarker(content) {
                emit(.attribution, depth + outlookBase, content)
                outlookBase += 1
                i += 1
                continue
            }
            if isOutlookHeaderStart(lines, i) {
                // From:/Sent:/To:/Subject: lines, up to the first blank line: the attribution.
                let base = depth + outlookBase
                while i < lines.count {
                    let (_, c) = quoteDepth(lines[i])
                    if c.allSatisfy(\.isWhitespace) { break }
                    emit(.attribution, base, c)
                    i += 1
                }
                outlookBase += 1
                continue
            }
            if depth == 0 && outlookBase == 0 && isAttribution(line, nextQuoted: nextNonBlankIsQuoted(lines, i + 1)) {
                emit(.attribution, 0, line)
                i += 1
                continue
            }
            let total = depth + outlookBase
            if content.allSatisfy(\.isWhitespace), let c = current {
                emit(c.kind, c.depth, "")   // blank lines stay with the segment they sit in
            } else {
                emit(total == 0 ? .authored : .quoted, total, content)
            }
            i += 1
        }
        flush()
        return segments
    }

    /// Counts `>` markers, allowing spaces between them: `> > text` → (2, "text").
    static func quoteDepth(_ line: Substring) -> (Int, Substring) {
        var depth = 0
        var rest = line
        while true {
            var probe = rest
            while probe.first == " " { probe = probe.dropFirst() }
            guard probe.first == ">", depth < 64 else { break }
            depth += 1
            rest = probe.dropFirst()
        }
        if depth > 0, rest.first == " " { rest = rest.dropFirst() }
        return (depth, rest)
    }

    private static func nextNonBlankIsQuoted(_ lines: [Substring], _ from: Int) -> Bool {
        var j = from
        while j < lines.count, j < from + 3 {
            if !lines[j].allSatisfy(\.isWhitespace) { return quoteDepth(lines[j]).0 > 0 }
            j += 1
        }
        return false
    }

    /// `On Mon, 1 Jul 2013, Glyph wrote:`, `Glyph <g@x> writes:`, `Quoting Glyph:` followed by a quote.
    static func isAttribution(_ line: Substring, nextQuoted: Bool) -> Bool {
        guard nextQuoted, line.count <= maxAttributionLength else { return false }
        let t = line.trimmingSuffixWhitespace().lowercased()
        return t.hasSuffix("wrote:") || t.hasSuffix("writes:") || t.hasSuffix("said:") || t.hasSuffix("a écrit :")
            || t.hasSuffix("a écrit:") || t.hasSuffix("schrieb:") || (t.hasPrefix("quoting ") && t.hasSuffix(":"))
            || (t.hasPrefix("on ") && t.hasSuffix(":"))
    }

    /// `-----Original Message-----`, `----- Original Message -----`, `-------- Forwarded Message --------`.
    static func isOriginalMessageMarker(_ line: Substring) -> Bool {
        let t = line.trimmingSuffixWhitespace()
        guard t.hasPrefix("---"), t.hasSuffix("---"), t.count <= 80 else { return false }
        let inner = t.filter { $0 != "-" }.trimmingCharacters(in: " ").lowercased()
        return inner == "original message" || inner == "forwarded message" || inner == "message d'origine"
            || inner == "ursprüngliche nachricht"
    }

    /// Outlook's reply header block: a `From:` line followed within three lines by `Sent:` or `Date:`.
    static func isOutlookHeaderStart(_ lines: [Substring], _ i: Int) -> Bool {
        let (_, c) = quoteDepth(lines[i])
        guard c.hasPrefix("From: ") || c.hasPrefix("*From:*") || c.hasPrefix("From:") else { return false }
        var j = i + 1
        while j < lines.count, j <= i + 3 {
            let (_, n) = quoteDepth(lines[j])
            if n.hasPrefix("Sent:") || n.hasPrefix("*Sent:*") || n.hasPrefix("Date:") { return true }
            j += 1
        }
        return false
    }

    /// Mailman's footer (`___…___` then the list name), or pipermail's scrubbed-part note.
    static func isFooterStart(_ line: Substring, next: Substring?) -> Bool {
        if line.hasPrefix("-------------- next part --------------") { return true }
        if line.count >= 40, line.allSatisfy({ $0 == "_" }), let next, next.lowercased().contains("mailing list") { return true }
        return false
    }
}

extension Substring {
    func trimmingSuffixWhitespace() -> Substring {
        var s = self
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return s
    }

    func trimmingCharacters(in set: String) -> String {
        var s = self
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String { Substring(self).trimmingCharacters(in: set) }
}
