import CLibXML2

/// Converts HTML mail to the text a reader sees, with libxml2's HTML parser.
///
/// Paragraphs and breaks as a browser shows them, `<pre>` verbatim, list items with bullets or
/// numbers, table rows on their own lines, links as `text <url>`. `<head>`, `<style>`, `<script>`,
/// comments (Word's conditional ones too) are dropped. A `<blockquote>` becomes `> ` lines, one
/// level per nesting, so HTML quotes reach quote segmentation as the same `>` structure as text mail.
///
/// The parser never touches the network or loads a DTD or external entity: `HTML_PARSE_NONET`,
/// no `XML_PARSE_DTDLOAD`/`NOENT`; it recovers from errors quietly.
public enum HTMLText {
    /// Largest HTML document converted (bytes). Larger HTML is cut here before parsing.
    public static let maxInputBytes = 8 << 20
    /// Deepest element nesting walked; deeper content is still read, flattened at this depth.
    public static let maxDepth = 256

    /// Most nodes visited in one document (a bound on work for hostile input).
    public static let maxNodes = 2_000_000

    /// Converts UTF-8 HTML to text; `nil` only when no libxml2 parser could be made.
    public static func convert(utf8 html: String) -> String? {
        guard !html.isEmpty else { return "" }
        return convert(utf8Bytes: Array(html.utf8))
    }

    /// Converts UTF-8 HTML bytes with libxml2's SAX parser: no tree is built, the events drive the
    /// same ``HTMLTextBuilder`` the tree walk of archive pages uses.
    static func convert(utf8Bytes: [UInt8]) -> String? {
        let input = HTMLRepair.prepare(utf8Bytes)
        guard !input.isEmpty else { return "" }
        guard let ctxt = ParserContext.sax else { return nil }
        var builder = HTMLTextBuilder()
        withUnsafeMutablePointer(to: &builder) { b in
            ctxt.pointee._private = UnsafeMutableRawPointer(b)
            defer { ctxt.pointee._private = nil }
            input.withUnsafeBufferPointer { buf in
                buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in   // non-empty checked above
                    // With this handler libxml2 builds no tree; a document it made anyway is freed.
                    if let doc = htmlCtxtReadMemory(ctxt, p, Int32(buf.count), "mail.html", "UTF-8", HTMLDocument.options) { xmlFreeDoc(doc) }
                }
            }
        }
        return builder.finish()
    }

    /// The text of `nodes` (siblings, in order) as a reader sees it. The walk ends at the first node
    /// `stop` accepts, even a nested one (an end-of-article comment swallowed by an unclosed tag);
    /// nodes `skip` accepts are left out with their content.
    /// `linkTargets: false` for archive pages, whose links the archiver made from the text itself.
    static func text(of nodes: [xmlNodePtr], stop: ((xmlNodePtr) -> Bool)? = nil, skip: ((xmlNodePtr) -> Bool)? = nil,
                     linkTargets: Bool = true) -> String {
        var builder = HTMLTextBuilder()
        builder.linkTargets = linkTargets
        walk(nodes, into: &builder, stop: stop, skip: skip)
        return builder.finish()
    }

    private enum Step { case enter(xmlNodePtr), exit }

    /// Feeds a tree to the builder as the SAX parser would: start, text, end.
    private static func walk(_ roots: [xmlNodePtr], into b: inout HTMLTextBuilder, stop: ((xmlNodePtr) -> Bool)?,
                             skip: ((xmlNodePtr) -> Bool)?) {
        var stack: [Step] = roots.reversed().map { .enter($0) }
        var visited = 0
        while let step = stack.popLast() {
            guard case .enter(let node) = step else { b.end(); continue }
            visited += 1
            if visited > maxNodes { return }
            if let stop, stop(node) { return }
            if let skip, skip(node) { continue }
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content { b.text(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content)))) }
                continue
            case XML_ELEMENT_NODE:
                break
            default:
                continue   // comments (Word's <!--[if …]> too), processing instructions
            }
            b.start(Tag(node.pointee.name), HTMLTextBuilder.Attributes(node: node))
            stack.append(.exit)
            // Children, pushed in reverse so they pop in document order.
            let base = stack.count
            var child = node.pointee.children
            while let c = child { stack.append(.enter(c)); child = c.pointee.next }
            stack[base...].reverse()
        }
    }
}

/// The converter's rules, driven by element events (from libxml2's SAX parser or a tree walk).
///
/// Paragraphs and breaks as a browser shows them; `<pre>` verbatim; lists with bullets or numbers;
/// table cells apart; links as `text <url>`; `<blockquote>` (and Yahoo's quoted div) one `>` level;
/// `<head>`, `<style>`, `<script>` and hidden elements (`display:none`, Word's `mso-hide:all`)
/// dropped with their content. Elements nested deeper than ``HTMLText/maxDepth`` are read as text.
struct HTMLTextBuilder {
    private var w = TextWriter()
    private var open: [Open] = []
    private var suppressed = 0
    private var listCounters: [Int] = []   // -1 for bullets, else next number
    private var events = 0
    var linkTargets: Bool {
        get { w.linkTargets }
        set { w.linkTargets = newValue }
    }

    private struct Open {
        var tag: Tag
        /// Starts a dropped subtree (`<style>`, a hidden element).
        var suppresses = false
        /// Beyond ``HTMLText/maxDepth``: no effect on layout.
        var ignored = false
        var quote = false
        var word = false
        var insideParagraph = false
        var href: String?
    }

    /// An element's attributes: from a tree node, or from the SAX parser's name/value list.
    struct Attributes {
        var node: xmlNodePtr?
        var list: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

        func value(_ name: StaticString) -> UnsafePointer<UInt8>? {
            if let node { return HTMLDocument.attributeBytes(node, name) }
            guard let list else { return nil }
            var i = 0
            while let n = list[i], i < 2 * 4096 {
                if name.withUTF8Buffer({ p in equalIgnoringCase(n, p) }) { return list[i + 1] }
                i += 2
            }
            return nil
        }

        func string(_ name: StaticString) -> String? {
            if let node { return HTMLDocument.attribute(node, String(describing: name)) }
            return value(name).map { String(cString: $0) }
        }

        private func equalIgnoringCase(_ a: UnsafePointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
            for k in 0..<b.count {
                let c = a[k]
                if c == 0 || (c.isASCIIAlpha ? c | 0x20 : c) != b[k] { return false }
            }
            return a[b.count] == 0
        }
    }

    mutating func start(_ tag: Tag, _ attributes: Attributes) {
        events += 1
        if suppressed > 0 || tag.isSkipped || isHidden(attributes) {
            open.append(Open(tag: tag, suppresses: true))
            suppressed += 1
            return
        }
        if open.count >= HTMLText.maxDepth {
            open.append(Open(tag: tag, ignored: true))
            return
        }
        var o = Open(tag: tag)
        switch tag {
        case .br: w.lineBreak()
        case .hr: w.endBlock(); w.appendText("----------"); w.endBlock()
        case .p:
            // Word's <o:p> arrives as a <p> nested in a <p> (libxml2 drops prefixes): keep it inline.
            // Word's MsoNormal paragraphs have no margins; its empty <o:p>&nbsp;</o:p> ones are the blank lines.
            o.insideParagraph = isInsideParagraph
            if !o.insideParagraph {
                o.word = isWordParagraph(attributes)
                w.endBlock(blank: !o.word)
                if o.word { w.wordParagraphMarks.append(w.lineCount) }
            }
        case .pre: w.endBlock(); w.preDepth += 1; w.atPreStart = true
        case .blockquote: w.endBlock(); w.quoteDepth += 1; o.quote = true
        case .div where isQuoteDiv(attributes):
            // Yahoo's quoted message is a div, not a blockquote.
            w.endBlock(); w.quoteDepth += 1; o.quote = true
        case .ul: listCounters.append(-1); w.endBlock()
        case .ol: listCounters.append(Int(attributes.string("start") ?? "") ?? 1); w.endBlock()
        case .li:
            w.endBlock()
            if let c = listCounters.last, c >= 0 {
                w.appendText("\(c). "); listCounters[listCounters.count - 1] = c + 1
            } else { w.appendText("- ") }
        case .img:
            // Tracking pixels and inline images: keep only meaningful alt text.
            if let alt = attributes.string("alt"), !alt.isEmpty, alt.count < 200 { w.appendText(alt) }
        case .a:
            w.linkMarks.append(w.mark)
            if w.linkTargets { o.href = attributes.string("href") }
        default:
            if tag.isBlock { w.endBlock() }
        }
        open.append(o)
    }

    mutating func end() {
        events += 1
        guard let o = open.popLast() else { return }
        if o.suppresses { suppressed -= 1; return }
        if o.ignored { return }
        switch o.tag {
        case .pre: w.preDepth -= 1; w.endBlock()
        case .blockquote, .div where o.quote: w.endBlock(); w.quoteDepth -= 1; w.endBlock()
        case .ul, .ol: _ = listCounters.popLast(); w.endBlock()
        case .a:
            let mark = w.linkMarks.popLast() ?? 0
            if let href = o.href, !href.isEmpty {
                let text = w.textSince(mark: mark)
                let url = href.hasPrefix("mailto:") ? String(href.dropFirst(7)) : href
                let shown = text.trimmingCharacters(in: " \t\n")
                if !shown.isEmpty, shown != url, shown != href, !href.hasPrefix("#") { w.appendText(" <\(url)>") }
                else if shown.isEmpty, !href.hasPrefix("#"), !href.hasPrefix("mailto:") { w.appendText(url) }
            }
        case .td, .th: w.appendText(" ")
        case .p:
            if !o.insideParagraph, o.word {
                let start = w.wordParagraphMarks.popLast() ?? -1
                if w.isLineEmpty && w.lineCount == start { w.blankLine() } else { w.endBlock() }
            } else { w.endBlock() }
        default:
            if o.tag.isBlock || o.tag == .li { w.endBlock() }
        }
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard suppressed == 0 else { return }
        w.appendText(bytes, raw: w.preDepth > 0)
    }

    /// Past ``HTMLText/maxNodes`` events the parser is stopped.
    var overBudget: Bool { events > HTMLText.maxNodes }

    mutating func finish() -> String { w.finish() }

    /// The nearest enclosing `<p>`, `<pre>` or block: inside a paragraph when it is `<p>` or `<pre>`.
    private var isInsideParagraph: Bool {
        for o in open.reversed() where !o.ignored {
            if o.tag == .p || o.tag == .pre { return true }
            if o.tag.isBlock { return false }
        }
        return false
    }

    /// `class="MsoNormal"` (or another `Mso…` class): Word's paragraphs, without margins.
    private func isWordParagraph(_ a: Attributes) -> Bool {
        guard let v = a.value("class") else { return false }
        return v[0] == UInt8(ascii: "M") && v[1] == UInt8(ascii: "s") && v[2] == UInt8(ascii: "o")
    }

    /// Yahoo Mail's `<div class="yahoo_quoted">` (also prefixed, `ydp9b1f0a55yahoo_quoted`) holds the quoted message.
    private func isQuoteDiv(_ a: Attributes) -> Bool {
        guard let v = a.value("class") else { return false }
        return Self.contains(v, "yahoo_quoted")
    }

    /// `display:none` or Word's `mso-hide:all` in the style attribute (case and spaces ignored).
    private func isHidden(_ a: Attributes) -> Bool {
        guard let v = a.value("style") else { return false }
        return Self.contains(v, "display:none") || Self.contains(v, "mso-hide:all")
    }

    /// Whether the NUL-terminated `text` holds `pattern` (lowercase), ignoring case and white space in `text`.
    static func contains(_ text: UnsafePointer<UInt8>, _ pattern: StaticString) -> Bool {
        pattern.withUTF8Buffer { p in
            var start = 0
            while text[start] != 0, start < 4096 {
                var i = start, k = 0
                while k < p.count {
                    let b = text[i]
                    if b == 0 { return false }
                    if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1; continue }
                    if (b.isASCIIAlpha ? b | 0x20 : b) != p[k] { break }
                    i += 1; k += 1
                }
                if k == p.count { return true }
                start += 1
            }
            return false
        }
    }
}

/// The elements the converter treats specially, read from a node's name bytes without making a String.
enum Tag: Equatable {
    case p, div, heading, ul, ol, li, table, tr, td, th, dl, dt, dd, address, center, form, fieldset
    case section, article, header, footer, body, html, br, hr, pre, blockquote, a, img
    case skipped, other

    init(_ name: UnsafePointer<xmlChar>?) {
        guard let name else { self = .other; return }
        // Up to 10 characters packed into an integer, 6 bits each; longer names are none of ours.
        var key: UInt64 = 0
        var i = 0
        while name[i] != 0 {
            guard i < 10 else { self = .other; return }
            key = key << 6 | Tag.code(name[i])
            i += 1
        }
        self = Tag.byKey[key] ?? .other
    }

    /// Letters in either case 1…26, digits 27…36, anything else 63: no two characters share a code.
    private static func code(_ b: UInt8) -> UInt64 {
        b.isASCIIAlpha ? UInt64((b | 0x20) - 0x60) : b.isASCIIDigit ? UInt64(b - 0x30 + 27) : 63
    }

    private static func key(_ s: StaticString) -> UInt64 {
        s.withUTF8Buffer { $0.reduce(UInt64(0)) { $0 << 6 | code($1) } }
    }

    static let byKey: [UInt64: Tag] = {
        var m: [UInt64: Tag] = [:]
        let named: [(StaticString, Tag)] = [
            ("p", .p), ("div", .div), ("h1", .heading), ("h2", .heading), ("h3", .heading), ("h4", .heading), ("h5", .heading),
            ("h6", .heading), ("ul", .ul), ("ol", .ol), ("li", .li), ("table", .table), ("tr", .tr), ("td", .td), ("th", .th),
            ("dl", .dl), ("dt", .dt), ("dd", .dd), ("address", .address), ("center", .center), ("form", .form),
            ("fieldset", .fieldset), ("section", .section), ("article", .article), ("header", .header), ("footer", .footer),
            ("body", .body), ("html", .html), ("br", .br), ("hr", .hr), ("pre", .pre), ("blockquote", .blockquote),
            ("a", .a), ("img", .img),
            ("head", .skipped), ("style", .skipped), ("script", .skipped), ("title", .skipped), ("xml", .skipped),
            ("meta", .skipped), ("link", .skipped), ("object", .skipped), ("noscript", .skipped), ("template", .skipped),
        ]
        for (name, tag) in named { m[key(name)] = tag }
        return m
    }()

    var isSkipped: Bool { self == .skipped }

    /// Block elements: they start and end lines.
    var isBlock: Bool {
        switch self {
        case .p, .div, .heading, .ul, .ol, .table, .tr, .dl, .dt, .dd, .address, .center, .form, .fieldset,
             .section, .article, .header, .footer, .body, .html: return true
        default: return false
        }
    }
}

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
    }

    /// Finishes `line` (empty for a blank line) at `depth`. A blank line after a blank line is dropped
    /// unless it is verbatim; blank lines carry their `>` prefix without a trailing space.
    private mutating func emit(depth: Int, verbatim: Bool) {
        lineCount += 1
        let blank = line.allSatisfy { $0 == UInt8(ascii: ">") || $0 == 0x20 }
        if blank && lastBlank && (!verbatim || out.isEmpty) { return }
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
