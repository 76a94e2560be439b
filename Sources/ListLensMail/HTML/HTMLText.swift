import CLibXML2

/// Converts HTML mail to the text a reader sees, with libxml2's HTML parser.
///
/// Paragraphs and breaks as a browser shows them, `<pre>` verbatim, list items with bullets or
/// numbers, table rows on their own lines, links as `text <url>`. `<head>`, `<style>`, `<script>`,
/// comments (Word's conditional ones too) are dropped. A `<blockquote>` becomes `> ` lines, one
/// level per nesting, so HTML quotes reach quote segmentation as the same `>` structure as text mail;
/// so does the quoted message under an Outlook header block, to the end of the element holding the
/// block. What else the markup says of the quote structure (attribution, header block and signature
/// elements, a blockquote's `cite="mid:…"`) comes with the text as ``TextMark``s.
///
/// The parser never touches the network or loads a DTD or external entity: `HTML_PARSE_NONET`,
/// no `XML_PARSE_DTDLOAD`/`NOENT`; it recovers from errors quietly.
public enum HTMLText {
    /// Converts UTF-8 HTML to text; `nil` only when no libxml2 parser could be made.
    public static func convert(utf8 html: String) -> String? {
        convertMarked(utf8: html)?.text
    }

    /// The text of an HTML body and what its markup says of the text's lines.
    public struct Conversion: Sendable, Equatable {
        public var text: String
        /// Sorted by line; at most ``TextMark/maxPerBody``.
        public var marks: [TextMark]
    }

    /// Converts UTF-8 HTML to text and its line marks; `nil` only when no libxml2 parser could be made.
    public static func convertMarked(utf8 html: String) -> Conversion? {
        guard !html.isEmpty else { return Conversion(text: "", marks: []) }
        return convert(utf8Bytes: Array(html.utf8))
    }

    /// Converts UTF-8 HTML bytes with libxml2's SAX parser: no tree is built, the events drive the
    /// same ``HTMLTextBuilder`` the tree walk of archive pages uses.
    static func convert(utf8Bytes: [UInt8]) -> Conversion? {
        let input = HTMLRepair.prepare(utf8Bytes)
        guard !input.isEmpty else { return Conversion(text: "", marks: []) }
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
        let text = builder.finish()
        return Conversion(text: text, marks: builder.marks)
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
            if visited > HTMLLimits.maxNodes { return }
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
            b.start(HTMLTag(node.pointee.name), HTMLTextBuilder.Attributes(node: node))
            stack.append(.exit)
            // Children, pushed in reverse so they pop in document order.
            let base = stack.count
            var child = node.pointee.children
            while let c = child { stack.append(.enter(c)); child = c.pointee.next }
            stack[base...].reverse()
        }
    }
}
