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

    /// Converts UTF-8 HTML to text; `nil` when libxml2 could not build a document at all.
    public static func convert(utf8 html: String) -> String? {
        guard !html.isEmpty else { return "" }
        guard let doc = HTMLDocument(utf8: Array(html.utf8)) else { return nil }
        guard let root = doc.root else { return "" }
        return text(of: [root])
    }

    /// The text of `nodes` (siblings, in order) as a reader sees it. The walk ends at the first node
    /// `stop` accepts, even a nested one (an end-of-article comment swallowed by an unclosed tag);
    /// nodes `skip` accepts are left out with their content.
    /// `linkTargets: false` for archive pages, whose links the archiver made from the text itself.
    static func text(of nodes: [xmlNodePtr], stop: ((xmlNodePtr) -> Bool)? = nil, skip: ((xmlNodePtr) -> Bool)? = nil,
                     linkTargets: Bool = true) -> String {
        var writer = TextWriter()
        writer.linkTargets = linkTargets
        walk(nodes, into: &writer, stop: stop, skip: skip)
        return writer.finish()
    }

    private enum Step { case enter(xmlNodePtr, Int), exit(String, xmlNodePtr) }

    private static let skipped: Set<String> = ["head", "style", "script", "title", "xml", "meta", "link", "object", "noscript", "template"]
    private static let blocks: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "tr", "dl", "dt", "dd",
        "address", "center", "form", "fieldset", "section", "article", "header", "footer", "body", "html",
    ]

    private static func walk(_ roots: [xmlNodePtr], into w: inout TextWriter, stop: ((xmlNodePtr) -> Bool)?,
                             skip: ((xmlNodePtr) -> Bool)?) {
        var stack: [Step] = roots.reversed().map { .enter($0, 0) }
        var visited = 0
        var listCounters: [Int] = []   // -1 for bullets, else next number
        while let step = stack.popLast() {
            switch step {
            case .exit(let name, let node):
                switch name {
                case "pre": w.preDepth -= 1; w.endBlock()
                case "blockquote": w.endBlock(); w.quoteDepth -= 1; w.endBlock()
                case "div" where isQuoteDiv(node): w.endBlock(); w.quoteDepth -= 1; w.endBlock()
                case "ul", "ol": _ = listCounters.popLast(); w.endBlock()
                case "a":
                    if w.linkTargets, let href = attribute(node, "href"), !href.isEmpty {
                        let text = w.textSince(mark: w.linkMarks.popLast() ?? 0)
                        let url = href.hasPrefix("mailto:") ? String(href.dropFirst(7)) : href
                        let shown = text.trimmingCharacters(in: " \t\n")
                        if !shown.isEmpty, shown != url, shown != href, !href.hasPrefix("#") { w.appendText(" <\(url)>") }
                        else if shown.isEmpty, !href.hasPrefix("#"), !href.hasPrefix("mailto:") { w.appendText(url) }
                    }
                case "td", "th": w.appendText(" ")
                case "p":
                    if !isInsideParagraph(node), attribute(node, "class")?.hasPrefix("Mso") == true {
                        let start = w.wordParagraphMarks.popLast() ?? -1
                        if w.isLineEmpty && w.lineCount == start { w.blankLine() } else { w.endBlock() }
                    } else { w.endBlock() }
                default:
                    if blocks.contains(name) || name == "li" { w.endBlock() }
                }
            case .enter(let node, let depth):
                visited += 1
                if visited > maxNodes { return }
                if let stop, stop(node) { return }
                if let skip, skip(node) { continue }
                switch node.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = node.pointee.content { w.appendText(String(cString: content), raw: w.preDepth > 0) }
                    continue
                case XML_ELEMENT_NODE:
                    break
                default:
                    continue   // comments (Word's <!--[if …]> too), processing instructions
                }
                let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
                if skipped.contains(name) { continue }
                if attribute(node, "style").map(isHidden) == true { continue }
                switch name {
                case "br": w.lineBreak()
                case "hr": w.endBlock(); w.appendText("----------"); w.endBlock()
                case "p":
                    // Word's <o:p> arrives as a <p> nested in a <p> (libxml2 drops prefixes): keep it inline.
                    // Word's MsoNormal paragraphs have no margins; its empty <o:p>&nbsp;</o:p> ones are the blank lines.
                    if !isInsideParagraph(node) {
                        let word = attribute(node, "class")?.hasPrefix("Mso") == true
                        w.endBlock(blank: !word)
                        if word { w.wordParagraphMarks.append(w.lineCount) }
                    }
                case "pre": w.endBlock(); w.preDepth += 1; w.atPreStart = true
                case "blockquote": w.endBlock(); w.quoteDepth += 1
                case "div" where isQuoteDiv(node):
                    // Yahoo's quoted message is a div, not a blockquote.
                    w.endBlock(); w.quoteDepth += 1
                case "ul": listCounters.append(-1); w.endBlock()
                case "ol": listCounters.append(Int(attribute(node, "start") ?? "") ?? 1); w.endBlock()
                case "li":
                    w.endBlock()
                    if let c = listCounters.last, c >= 0 {
                        w.appendText("\(c). "); listCounters[listCounters.count - 1] = c + 1
                    } else { w.appendText("- ") }
                case "img":
                    // Tracking pixels and inline images: keep only meaningful alt text.
                    if let alt = attribute(node, "alt"), !alt.isEmpty, alt.count < 200 { w.appendText(alt) }
                    continue
                case "a": w.linkMarks.append(w.mark)
                default:
                    if blocks.contains(name) { w.endBlock() }
                }
                stack.append(.exit(name, node))
                // Children, pushed in reverse so they pop in document order.
                var children: [xmlNodePtr] = []
                var child = node.pointee.children
                while let c = child { children.append(c); child = c.pointee.next }
                if depth >= maxDepth {
                    for c in children.reversed() where c.pointee.type == XML_TEXT_NODE { stack.append(.enter(c, depth + 1)) }
                } else {
                    for c in children.reversed() { stack.append(.enter(c, depth + 1)) }
                }
            }
        }
    }

    private static func isInsideParagraph(_ node: xmlNodePtr) -> Bool {
        var p = node.pointee.parent
        var hops = 0
        while let parent = p, hops < 8 {
            if parent.pointee.type == XML_ELEMENT_NODE, let n = parent.pointee.name {
                let name = String(cString: n).lowercased()
                if name == "p" || name == "pre" { return true }
                if blocks.contains(name) { return false }
            }
            p = parent.pointee.parent
            hops += 1
        }
        return false
    }

    /// Yahoo Mail's `<div class="yahoo_quoted">` holds the quoted message (its attribution inside).
    private static func isQuoteDiv(_ node: xmlNodePtr) -> Bool {
        guard let cls = attribute(node, "class") else { return false }
        return cls.split(separator: " ").contains { $0.hasSuffix("yahoo_quoted") }   // `ydp9b1f0a55yahoo_quoted` too
    }

    private static func isHidden(_ style: String) -> Bool {
        let s = style.lowercased().filter { $0 != " " }
        return s.contains("display:none") || s.contains("mso-hide:all")
    }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? { HTMLDocument.attribute(node, name) }
}

/// Accumulates text lines the way a browser lays out blocks, with `> ` prefixes for quote depth.
struct TextWriter {
    private var lines: [String] = []
    private var line = ""
    private var lineDepth = 0
    private var pendingSpace = false
    /// Lines from `<pre>`: kept as written, blank ones too (`finish` collapses only layout blanks).
    private var lineIsVerbatim = false
    private var verbatim = Set<Int>()
    private var blankRequested = false
    var quoteDepth = 0
    var preDepth = 0
    var linkMarks: [Int] = []
    var linkTargets = true
    var atPreStart = false
    var wordParagraphMarks: [Int] = []

    var lineCount: Int { lines.count }
    var isLineEmpty: Bool { line.isEmpty }

    /// One blank line (an empty Word paragraph), unless the output already ends with one.
    mutating func blankLine() {
        if !line.isEmpty { flushLine() }
        if let last = lines.last, !isOnlyQuotePrefix(last) { lines.append(prefix(quoteDepth).trimmingTrailingSpace()) }
    }

    /// A position in the output for ``textSince(mark:)``.
    var mark: Int { lines.count << 20 | min(line.utf8.count, (1 << 20) - 1) }

    func textSince(mark: Int) -> String {
        let lineIndex = mark >> 20, offset = mark & ((1 << 20) - 1)
        if lineIndex == lines.count { return String(line.utf8.dropFirst(offset)) ?? "" }
        return line
    }

    mutating func appendText(_ text: String, raw: Bool = false) {
        if raw {
            // A newline right after `<pre>` is not content (HTML §13.2.6.4.7); libxml2 keeps it.
            var text = Substring(text)
            if atPreStart, text.first == "\n" { text = text.dropFirst() }
            atPreStart = false
            var first = true
            for piece in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if !first { flushLine() }
                first = false
                startLineIfNeeded()
                lineIsVerbatim = true
                line += piece.lazy.filter { $0 != "\r" }.map { $0 == "\u{00A0}" ? " " : $0 }
            }
            return
        }
        for ch in text {
            // NBSP counts as white space here: Word emits it everywhere, even between words.
            if ch == " " || ch == "\t" || ch == "\n" || ch == "\r" || ch == "\u{00A0}" || ch == "\u{200B}" {
                if !line.isEmpty { pendingSpace = true }
                continue
            }
            startLineIfNeeded()
            if pendingSpace { line.append(" "); pendingSpace = false }
            line.append(ch)
        }
    }

    private mutating func startLineIfNeeded() {
        if line.isEmpty {
            if blankRequested, let last = lines.last, !last.isEmpty, !isOnlyQuotePrefix(last) {
                lines.append(prefix(min(quoteDepth, lineDepth)).trimmingTrailingSpace())
            }
            blankRequested = false
            lineDepth = quoteDepth
            pendingSpace = false
        }
    }

    private func isOnlyQuotePrefix(_ s: String) -> Bool { s.allSatisfy { $0 == ">" || $0 == " " } }

    mutating func lineBreak() {
        if line.isEmpty {
            // An empty line made of <br>: keep one blank line.
            if let last = lines.last, !last.isEmpty { lines.append(prefix(quoteDepth).trimmingTrailingSpace()) }
            return
        }
        flushLine()
    }

    mutating func endBlock(blank: Bool = false) {
        if !line.isEmpty { flushLine() }
        if blank { blankRequested = true }
    }

    private mutating func flushLine() {
        let text = line.trimmingTrailingSpace()
        if lineIsVerbatim { verbatim.insert(lines.count); lineIsVerbatim = false }
        lines.append(prefix(lineDepth) + text)
        line = ""
        pendingSpace = false
        lineDepth = quoteDepth
    }

    private func prefix(_ depth: Int) -> String { depth == 0 ? "" : String(repeating: ">", count: depth) + " " }

    mutating func finish() -> String {
        if !line.isEmpty { flushLine() }
        // Collapse runs of blank lines and trim blank lines at both ends.
        var out: [String] = []
        for (k, l) in lines.enumerated() {
            let blank = l.allSatisfy { $0 == ">" || $0 == " " }
            if blank, !verbatim.contains(k), let last = out.last, last.allSatisfy({ $0 == ">" || $0 == " " }) { continue }
            out.append(blank ? l.trimmingTrailingSpace() : l)
        }
        while let f = out.first, f.allSatisfy({ $0 == ">" || $0 == " " }) { out.removeFirst() }
        while let l = out.last, l.allSatisfy({ $0 == ">" || $0 == " " }) { out.removeLast() }
        return out.joined(separator: "\n")
    }
}
