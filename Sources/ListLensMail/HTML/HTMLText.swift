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

    static let options: Int32 = Int32(HTML_PARSE_RECOVER.rawValue) | Int32(HTML_PARSE_NONET.rawValue)
        | Int32(HTML_PARSE_NOERROR.rawValue) | Int32(HTML_PARSE_NOWARNING.rawValue)
        | Int32(HTML_PARSE_COMPACT.rawValue) | Int32(HTML_PARSE_NOBLANKS.rawValue)

    private static let initialized: Bool = {
        xmlInitParser()
        clibxml2_silence()
        return true
    }()

    /// Converts UTF-8 HTML to text; `nil` when libxml2 could not build a document at all.
    public static func convert(utf8 html: String) -> String? {
        _ = initialized
        var bytes = Array(html.utf8)
        if bytes.count > maxInputBytes { bytes.removeSubrange(maxInputBytes...) }
        bytes = stripDownlevelConditionals(bytes)
        guard !bytes.isEmpty else { return "" }
        // The text is already UTF-8: always say so, whatever a <meta> claims (TOOLCHAIN.md §1).
        let doc: htmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in   // non-empty checked above
                htmlReadMemory(p, Int32(buf.count), "mail.html", "UTF-8", options)
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { return "" }
        var writer = TextWriter()
        walk(root, into: &writer)
        return writer.finish()
    }

    private enum Step { case enter(xmlNodePtr, Int), exit(String, xmlNodePtr) }

    private static let skipped: Set<String> = ["head", "style", "script", "title", "xml", "meta", "link", "object", "noscript", "template"]
    private static let blocks: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "tr", "dl", "dt", "dd",
        "address", "center", "form", "fieldset", "section", "article", "header", "footer", "body", "html",
    ]

    private static func walk(_ root: xmlNodePtr, into w: inout TextWriter) {
        var stack: [Step] = [.enter(root, 0)]
        var listCounters: [Int] = []   // -1 for bullets, else next number
        while let step = stack.popLast() {
            switch step {
            case .exit(let name, let node):
                switch name {
                case "pre": w.preDepth -= 1; w.endBlock()
                case "blockquote": w.endBlock(); w.quoteDepth -= 1; w.endBlock()
                case "ul", "ol": _ = listCounters.popLast(); w.endBlock()
                case "a":
                    if let href = attribute(node, "href"), !href.isEmpty {
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
                case "pre": w.endBlock(); w.preDepth += 1
                case "blockquote": w.endBlock(); w.quoteDepth += 1
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

    private static func isHidden(_ style: String) -> Bool {
        let s = style.lowercased().filter { $0 != " " }
        return s.contains("display:none") || s.contains("mso-hide:all")
    }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let v = xmlGetProp(node, name) else { return nil }
        defer { clibxml2_free(v) }
        return String(cString: v)
    }

    /// Removes Word's downlevel-revealed markers `<![if …]>` and `<![endif]>`, keeping what they enclose
    /// (libxml2 would otherwise show them as text; TOOLCHAIN.md §1, pitfall 7).
    static func stripDownlevelConditionals(_ bytes: [UInt8]) -> [UInt8] {
        let marker: [UInt8] = Array("<![".utf8)
        guard bytes.count > 3 else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        var changed = false
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "<"), i + 3 < bytes.count, bytes[i..<(i + 3)].elementsEqual(marker) {
                let rest = bytes[(i + 3)...]
                // Only `<![if …]>` and `<![endif]>` exactly: `<![endif]-->` closes an ordinary comment and must stay.
                if rest.starts(with: "if".utf8) || rest.starts(with: "endif".utf8),
                   let close = rest.prefix(200).firstIndex(of: UInt8(ascii: ">")), bytes[close - 1] == UInt8(ascii: "]") {
                    i = close + 1
                    changed = true
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return changed ? out : bytes
    }
}

/// Accumulates text lines the way a browser lays out blocks, with `> ` prefixes for quote depth.
struct TextWriter {
    private var lines: [String] = []
    private var line = ""
    private var lineDepth = 0
    private var pendingSpace = false
    private var blankRequested = false
    var quoteDepth = 0
    var preDepth = 0
    var linkMarks: [Int] = []
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
            var first = true
            for piece in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if !first { flushLine() }
                first = false
                startLineIfNeeded()
                line += piece.filter { $0 != "\r" }
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
        for l in lines {
            let blank = l.allSatisfy { $0 == ">" || $0 == " " }
            if blank, let last = out.last, last.allSatisfy({ $0 == ">" || $0 == " " }) { continue }
            out.append(blank ? l.trimmingTrailingSpace() : l)
        }
        while let f = out.first, f.allSatisfy({ $0 == ">" || $0 == " " }) { out.removeFirst() }
        while let l = out.last, l.allSatisfy({ $0 == ">" || $0 == " " }) { out.removeLast() }
        return out.joined(separator: "\n")
    }
}
