import CLibXML2

/// Accumulates text lines the way a browser lays out blocks, with `> ` prefixes for quote depth.
/// Works on UTF-8 bytes in one output buffer: text nodes are copied in runs, never iterated as
/// Characters, and layout blank lines are collapsed as lines are finished.
struct TextWriter {
    /// Finished lines, each ended by `\n`.
    private var out: [UInt8] = []
    /// Whether the last finished line is blank (only `>` and spaces); true at the start, so leading blanks drop.
    private var lastBlank = true
    /// Finished lines so far, counting collapsed blank ones (for Word's empty-paragraph test).
    private(set) var lineCount = 0
    private var line: [UInt8] = []
    private var lineDepth = 0
    private var pendingSpace = false
    private var blankRequested = false
    /// The current line comes from `<pre>`: kept as written, blank too.
    private var lineIsVerbatim = false
    var quoteDepth = 0
    var preDepth = 0
    var linkMarks: [Int] = []
    var linkTargets = true
    var atPreStart = false
    var wordParagraphMarks: [Int] = []
    /// What the HTML says of the lines started from now on (the innermost marked element's role).
    var role: TextMark.Role? = nil
    /// A `<blockquote cite="mid:…">` just opened: its Message-ID goes on the next line written.
    var pendingCite: String? = nil
    /// The marks of the finished lines, by their line in the output.
    private(set) var marks: [TextMark] = []
    /// Lines in `out`.
    private var outLines = 0
    private var lineRole: TextMark.Role? = nil
    /// Header-block lines written that look like a field (`From: …`: a colon in their first 64 bytes).
    private(set) var fieldLikeLines = 0

    var isLineEmpty: Bool { line.isEmpty }

    /// One blank line (an empty Word paragraph), unless the output already ends with one.
    mutating func blankLine() {
        if !line.isEmpty { flushLine() }
        if !lastBlank { emit(depth: quoteDepth, verbatim: false) }
    }

    /// A position in the output for ``textSince(mark:)``.
    var mark: Int { lineCount << 20 | min(line.count, (1 << 20) - 1) }

    func textSince(mark: Int) -> String {
        let lineIndex = mark >> 20, offset = mark & ((1 << 20) - 1)
        if lineIndex == lineCount { return String(decoding: line.dropFirst(offset), as: UTF8.self) }
        return String(decoding: line, as: UTF8.self)
    }

    mutating func appendText(_ text: String, raw: Bool = false) {
        var copy = text
        copy.withUTF8 { appendText($0, raw: raw) }
    }

    /// Appends UTF-8 text. White space (and NBSP, zero-width space) collapses to one space outside
    /// `<pre>`; inside, lines are kept as written, NBSP as a space, CR dropped.
    mutating func appendText(_ text: UnsafeBufferPointer<UInt8>, raw: Bool = false) {
        let n = text.count
        var i = 0
        if raw {
            // A newline right after `<pre>` is not content (HTML §13.2.6.4.7); libxml2 keeps it.
            if atPreStart, n > 0, text[0] == 0x0A { i = 1 }
            if n > 0 { atPreStart = false }
            if i < n { startLineIfNeeded(); lineIsVerbatim = true }
            while i < n {
                let b = text[i]
                if b == 0x0A {
                    flushLine(); startLineIfNeeded(); lineIsVerbatim = true
                } else if b == 0xC2, i + 1 < n, text[i + 1] == 0xA0 {
                    line.append(0x20); i += 1
                } else if b != 0x0D {
                    line.append(b)
                }
                i += 1
            }
            return
        }
        while i < n {
            let b = text[i]
            var width = 0
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C { width = 1 }
            else if b == 0xC2, i + 1 < n, text[i + 1] == 0xA0 { width = 2 }
            else if b == 0xE2, i + 2 < n, text[i + 1] == 0x80, text[i + 2] == 0x8B { width = 3 }   // zero-width space
            if width > 0 {
                if !line.isEmpty { pendingSpace = true }
                i += width
                continue
            }
            // A run of visible bytes, up to the next byte that may start white space.
            var j = i + 1
            while j < n {
                let c = text[j]
                if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C || c == 0xC2 || c == 0xE2 { break }
                j += 1
            }
            startLineIfNeeded()
            if pendingSpace { line.append(0x20); pendingSpace = false }
            line.append(contentsOf: UnsafeBufferPointer(rebasing: text[i..<j]))
            i = j   // a 0xC2 or 0xE2 that starts no space is the first byte of the next run
        }
    }

    private mutating func startLineIfNeeded() {
        if line.isEmpty {
            if blankRequested, !lastBlank { emit(depth: min(quoteDepth, lineDepth), verbatim: false) }
            blankRequested = false
            lineDepth = quoteDepth
            lineRole = role
            pendingSpace = false
        }
    }

    mutating func lineBreak() {
        if line.isEmpty {
            // An empty line made of <br>: keep one blank line.
            if !lastBlank { emit(depth: quoteDepth, verbatim: false) }
            return
        }
        flushLine()
    }

    mutating func endBlock(blank: Bool = false) {
        if !line.isEmpty { flushLine() }
        if blank { blankRequested = true }
    }

    private mutating func flushLine() {
        while let last = line.last, last == 0x20 || last == 0x09 { line.removeLast() }
        emit(depth: lineDepth, verbatim: lineIsVerbatim)
        lineIsVerbatim = false
        line.removeAll(keepingCapacity: true)
        pendingSpace = false
        lineDepth = quoteDepth
        lineRole = role
    }

    /// Finishes `line` (empty for a blank line) at `depth`. A blank line after a blank line is dropped
    /// unless it is verbatim; blank lines carry their `>` prefix without a trailing space.
    private mutating func emit(depth: Int, verbatim: Bool) {
        lineCount += 1
        let blank = line.allSatisfy { $0 == UInt8(ascii: ">") || $0 == 0x20 }
        if blank && lastBlank && (!verbatim || out.isEmpty) { return }
        if !blank, marks.count < TextMark.maxPerBody {
            if let r = lineRole { marks.append(TextMark(line: outLines, role: r)) }
            if lineRole == .headerBlock, line.prefix(64).contains(UInt8(ascii: ":")) || line.prefix(64).contains(0xEF) { fieldLikeLines += 1 }
            if let c = pendingCite {
                marks.append(TextMark(line: outLines, role: .cite, value: c))
                pendingCite = nil
            }
        }
        outLines += 1
        for _ in 0..<depth { out.append(UInt8(ascii: ">")) }
        if !line.isEmpty {
            if depth > 0 { out.append(0x20) }
            out.append(contentsOf: line)
            if blank { while let c = out.last, c == 0x20 { out.removeLast() } }
        }
        out.append(0x0A)
        lastBlank = blank
    }

    mutating func finish() -> String {
        if !line.isEmpty { flushLine() }
        // Trailing blank lines go.
        while let nl = out.last, nl == 0x0A {
            let start = (out.dropLast().lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
            if out[start..<(out.count - 1)].allSatisfy({ $0 == UInt8(ascii: ">") || $0 == 0x20 }) {
                out.removeSubrange(start...)
            } else {
                out.removeLast()
                break
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
