import CLibXML2
import ListLensText

/// The converter's rules, driven by element events (from libxml2's SAX parser or a tree walk).
///
/// Paragraphs and breaks as a browser shows them; `<pre>` verbatim; lists with bullets or numbers;
/// table cells apart; links as `text <url>`; `<blockquote>` (and Yahoo's quoted div) one `>` level;
/// `<head>`, `<style>`, `<script>` and hidden elements (`display:none`, Word's `mso-hide:all`)
/// dropped with their content. Elements nested deeper than ``HTMLLimits/maxDepth`` are read as text.
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
        var tag: HTMLTag
        /// Starts a dropped subtree (`<style>`, a hidden element).
        var suppresses = false
        /// Beyond ``HTMLLimits/maxDepth``: no effect on layout.
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
            while let n = list[i], i < 2 * HTMLLimits.maxAttributes {
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

    mutating func start(_ tag: HTMLTag, _ attributes: Attributes) {
        events += 1
        if suppressed > 0 || tag.isSkipped || isHidden(attributes) {
            open.append(Open(tag: tag, suppresses: true))
            suppressed += 1
            return
        }
        if open.count >= HTMLLimits.maxDepth {
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
        case .ol:
            // `start` is input: capped, so numbering can never overflow (a probe used 2^63 - 2).
            listCounters.append(min(Int(attributes.string("start") ?? "") ?? 1, HTMLLimits.maxListNumber)); w.endBlock()
        case .li:
            w.endBlock()
            if let c = listCounters.last, c >= 0 {
                w.appendText("\(c). "); listCounters[listCounters.count - 1] = c < HTMLLimits.maxListNumber ? c + 1 : c
            } else { w.appendText("- ") }
        case .img:
            // Tracking pixels and inline images: keep only meaningful alt text.
            if let alt = attributes.string("alt"), !alt.isEmpty, alt.count < HTMLLimits.maxAltTextLength { w.appendText(alt) }
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
        case .blockquote: w.endBlock(); w.quoteDepth -= 1; w.endBlock()
        case .div where o.quote: w.endBlock(); w.quoteDepth -= 1; w.endBlock()
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

    /// Past ``HTMLLimits/maxNodes`` events the parser is stopped.
    var overBudget: Bool { events > HTMLLimits.maxNodes }

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
            while text[start] != 0, start < HTMLLimits.maxStyleScanBytes {
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
