import CLibXML2
import ListLensText

/// The converter's rules, driven by element events (from libxml2's SAX parser or a tree walk).
///
/// Paragraphs and breaks as a browser shows them; `<pre>` verbatim; lists with bullets or numbers;
/// table cells apart; links as `text <url>`; `<blockquote>` (and Yahoo's quoted div) one `>` level;
/// `<head>`, `<style>`, `<script>` and hidden elements (`display:none`, Word's `mso-hide:all`)
/// dropped with their content. Elements nested deeper than ``HTMLLimits/maxDepth`` are read as text.
///
/// What the mail client's markup says of quote structure is kept: the lines of an attribution,
/// header block or signature element get a ``TextMark``, and a blockquote's `cite="mid:…"` too.
/// Outlook quotes without a blockquote: everything after its header block, to the end of the element
/// holding the block, is the quoted message, so it gets one `>` level as a blockquote would.
struct HTMLTextBuilder {
    private var w = TextWriter()
    private var open: [Open] = []
    private var suppressed = 0
    private var listCounters: [Int] = []   // -1 for bullets, else next number
    private var events = 0
    /// Outlook's header block just ended and its quote has no text yet: the quote will last while
    /// this many elements stay open (wrappers closing before any text move it outwards).
    private var pendingOutlookQuote: Int? = nil
    /// Outlook quotes being read, innermost last: each ends when fewer elements than this are open.
    private var outlookQuotes: [Int] = []
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
        /// The element marks its lines (``TextMark``); the role in force before it is restored at its end.
        var role: TextMark.Role?
        var outerRole: TextMark.Role?
        /// ``TextWriter/fieldLikeLines`` when the element started: a header block must add some.
        var fieldLines = 0
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
        if tag == .blockquote, let cite = Self.citedMessageID(attributes.value("cite")) { w.pendingCite = cite }
        if tag == .div || tag == .p || tag == .table || tag == .td, let role = markedRole(attributes) {
            w.endBlock()
            o.role = role
            o.outerRole = w.role
            o.fieldLines = w.fieldLikeLines
            w.role = role
        }
        open.append(o)
    }

    mutating func end() {
        events += 1
        guard let o = open.popLast() else { return }
        if o.suppresses { suppressed -= 1; return }
        if o.ignored { return }
        if let role = o.role {
            w.endBlock()
            w.role = o.outerRole
            if role == .headerBlock, w.fieldLikeLines > o.fieldLines { pendingOutlookQuote = open.count }
        }
        if let p = pendingOutlookQuote, open.count < p { pendingOutlookQuote = open.count }
        while let q = outlookQuotes.last, open.count < q {
            // The element holding an Outlook header block ended: so does the quote below the block.
            outlookQuotes.removeLast()
            w.endBlock(); w.quoteDepth -= 1; w.endBlock()
        }
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
        if let p = pendingOutlookQuote, Self.hasVisibleText(bytes) {
            // The first words after Outlook's header block open the quote it introduces.
            pendingOutlookQuote = nil
            if outlookQuotes.count < HTMLLimits.maxOutlookQuotes {
                w.endBlock(); w.quoteDepth += 1
                outlookQuotes.append(p)
            }
        }
        w.appendText(bytes, raw: w.preDepth > 0)
    }

    /// Whether a text node holds more than white space (NBSP counts as white space: Word's empty paragraphs).
    private static func hasVisibleText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C { i += 1; continue }
            if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 { i += 2; continue }
            return true
        }
        return false
    }

    /// Past ``HTMLLimits/maxNodes`` events the parser is stopped.
    var overBudget: Bool { events > HTMLLimits.maxNodes }

    mutating func finish() -> String { w.finish() }

    /// The marks of the lines ``finish()`` returned.
    var marks: [TextMark] { w.marks }

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

    /// The role the client's markup gives an element's lines, if it marks them:
    /// - attribution: Gmail's `gmail_attr`, Thunderbird's `moz-cite-prefix`;
    /// - header block: Outlook's `border:none;border-top:solid …` div around the quoted message's
    ///   fields, Outlook on the web's `divRplyFwdMsg` (also `x_`-prefixed, as replies quote it);
    /// - signature: `moz-signature`, `gmail_signature`, Outlook's and Apple Mail's `Signature` ids.
    private func markedRole(_ a: Attributes) -> TextMark.Role? {
        if let c = a.value("class") {
            if Self.contains(c, "gmail_attr") || Self.contains(c, "moz-cite-prefix") { return .attribution }
            if Self.contains(c, "moz-signature") || Self.contains(c, "gmail_signature") { return .signature }
        }
        if let id = a.value("id") {
            if Self.contains(id, "divrplyfwdmsg") { return .headerBlock }
            if Self.contains(id, "signature"), !Self.contains(id, "signaturebeforequote") { return .signature }
        }
        if let style = a.value("style"), Self.contains(style, "border:none;border-top:solid") { return .headerBlock }
        return nil
    }

    /// The Message-ID a `cite` attribute names (`mid:abc%40x.example`, RFC 2392), percent-decoded;
    /// nil for other cites and for values that are not one plausible id.
    static func citedMessageID(_ cite: UnsafePointer<UInt8>?) -> String? {
        guard let cite else { return nil }
        let lower = { (b: UInt8) in b.isASCIIAlpha ? b | 0x20 : b }
        guard lower(cite[0]) == UInt8(ascii: "m"), lower(cite[1]) == UInt8(ascii: "i"), lower(cite[2]) == UInt8(ascii: "d"),
              cite[3] == UInt8(ascii: ":") else { return nil }
        var out: [UInt8] = []
        var i = 4
        while cite[i] != 0 {
            guard out.count < maxCitedIDBytes else { return nil }
            var b = cite[i]
            if b == UInt8(ascii: "%"), let h = hexValue(cite[i + 1]), let l = hexValue(cite[i + 2]) {
                b = h << 4 | l
                i += 2
            }
            // An id is printable ASCII without white space, brackets or the mark separator.
            guard b > 0x20, b < 0x7F, b != UInt8(ascii: "<"), b != UInt8(ascii: ">"), b != UInt8(ascii: ";") else { return nil }
            out.append(b)
            i += 1
        }
        guard out.contains(UInt8(ascii: "@")) else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    /// Longest Message-ID read from a `cite` attribute (RFC 5322 ids are short; 998 is a line's limit).
    static let maxCitedIDBytes = 998

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
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
