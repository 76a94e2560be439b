import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An HTML document parsed by libxml2, owned until deinit.
///
/// The parser never touches the network and loads no DTD or external entity (`HTML_PARSE_NONET`,
/// no `XML_PARSE_DTDLOAD`/`NOENT`); it recovers from errors quietly. Input larger than
/// ``HTMLText/maxInputBytes`` is cut there first. The bytes are repaired by ``HTMLRepair`` and
/// must already be UTF-8 (callers decode the charset): a `<meta>` claiming otherwise is ignored.
final class HTMLDocument {
    let doc: htmlDocPtr

    static let options: Int32 = Int32(HTML_PARSE_RECOVER.rawValue) | Int32(HTML_PARSE_NONET.rawValue)
        | Int32(HTML_PARSE_NOERROR.rawValue) | Int32(HTML_PARSE_NOWARNING.rawValue)
        | Int32(HTML_PARSE_COMPACT.rawValue) | Int32(HTML_PARSE_NOBLANKS.rawValue) | Int32(HTML_PARSE_NODEFDTD.rawValue)

    static let initialized: Bool = {
        xmlInitParser()
        clibxml2_silence()
        return true
    }()

    /// Parses UTF-8 HTML; nil when libxml2 could not build a document at all.
    init?(utf8 bytes: [UInt8]) {
        _ = Self.initialized
        let input = HTMLRepair.prepare(bytes)
        guard !input.isEmpty else { return nil }
        let parsed: htmlDocPtr? = input.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in   // non-empty checked above
                guard let ctxt = ParserContext.current else { return htmlReadMemory(p, Int32(buf.count), "mail.html", "UTF-8", Self.options) }
                return htmlCtxtReadMemory(ctxt, p, Int32(buf.count), "mail.html", "UTF-8", Self.options)
            }
        }
        guard let parsed else { return nil }
        doc = parsed
    }

    deinit { xmlFreeDoc(doc) }

    var root: xmlNodePtr? { xmlDocGetRootElement(doc) }

    /// Every node of the document in document order, without recursion; stops early when `body` returns false.
    /// Comments before `<!DOCTYPE>` or `<html>` (MHonArc puts its metadata there) are children of
    /// the document itself, so the walk starts from the document's children, not the root element.
    func forEachNode(_ body: (xmlNodePtr) -> Bool) {
        var stack: [xmlNodePtr] = []
        var top = doc.pointee.children
        while let n = top { stack.append(n); top = n.pointee.next }
        stack.reverse()
        var steps = 0
        while let node = stack.popLast(), steps < HTMLText.maxNodes {
            steps += 1
            if !body(node) { return }
            let base = stack.count
            var c = node.pointee.children
            while let n = c { stack.append(n); c = n.pointee.next }
            stack[base...].reverse()   // so they pop in document order
        }
    }

    /// The text of every comment, in document order (archives keep their metadata there).
    func comments() -> [(node: xmlNodePtr, text: String)] {
        var out: [(xmlNodePtr, String)] = []
        forEachNode { node in
            if node.pointee.type == XML_COMMENT_NODE, let c = node.pointee.content { out.append((node, String(cString: c))) }
            return true
        }
        return out
    }

    /// The first element named `name` (lowercase), in document order.
    func first(_ name: String) -> xmlNodePtr? {
        var found: xmlNodePtr?
        forEachNode { node in
            if node.pointee.type == XML_ELEMENT_NODE, Self.name(node) == name { found = node; return false }
            return true
        }
        return found
    }

    static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
    }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let v = xmlGetProp(node, name) else { return nil }
        defer { clibxml2_free(v) }
        return String(cString: v)
    }

    /// An attribute's value as the NUL-terminated bytes in the tree, without copying: nil when the
    /// attribute is absent or its value is not one plain text node (then use ``attribute(_:_:)``).
    static func attributeBytes(_ node: xmlNodePtr, _ name: StaticString) -> UnsafePointer<UInt8>? {
        guard node.pointee.properties != nil else { return nil }
        let attr = name.withUTF8Buffer { buf in buf.baseAddress.flatMap { xmlHasProp(node, $0) } }
        guard let attr, attr.pointee.type == XML_ATTRIBUTE_NODE else { return nil }
        guard let text = attr.pointee.children, text.pointee.next == nil, text.pointee.type == XML_TEXT_NODE,
              let content = text.pointee.content else { return nil }
        return UnsafePointer(content)
    }

    /// The concatenated text of a node and its descendants (entities decoded).
    static func textContent(_ node: xmlNodePtr) -> String {
        guard let c = xmlNodeGetContent(node) else { return "" }
        defer { clibxml2_free(c) }
        return String(cString: c)
    }

    /// The nodes strictly between two sibling-level comment markers, in order: for archives that
    /// wrap a message body in `<!--beginarticle-->` … `<!--endarticle-->`. The end marker may sit
    /// deeper or be missing (the rest of the parent is then taken).
    static func siblings(after start: xmlNodePtr, until isEnd: (xmlNodePtr) -> Bool) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var n = start.pointee.next
        while let node = n, out.count < HTMLText.maxNodes {
            if isEnd(node) { break }
            out.append(node)
            n = node.pointee.next
        }
        return out
    }
}

/// libxml2 HTML parser contexts, one of each kind per thread, reused for every document that thread
/// parses (as lxml does): string dictionary and buffers are kept. Freed when the thread ends.
enum ParserContext {
    private static let key: pthread_key_t? = {
        var k = pthread_key_t()
        let made = pthread_key_create(&k) { p in
            if let p { htmlFreeParserCtxt(p.assumingMemoryBound(to: htmlParserCtxt.self)) }
        }
        return made == 0 ? k : nil
    }()

    private static let saxKey: pthread_key_t? = {
        var k = pthread_key_t()
        let made = pthread_key_create(&k) { p in
            if let p { htmlFreeParserCtxt(p.assumingMemoryBound(to: htmlParserCtxt.self)) }
        }
        return made == 0 ? k : nil
    }()

    /// The thread's context for building trees (archive pages).
    static var current: htmlParserCtxtPtr? { context(key) { _ in } }

    /// The thread's context whose SAX handler feeds the ``HTMLTextBuilder`` in `_private` (mail bodies):
    /// no tree is built. Comments, processing instructions and the DTD are ignored.
    static var sax: htmlParserCtxtPtr? {
        context(saxKey) { ctxt in
            guard let h = ctxt.pointee.sax else { return }
            h.pointee.startDocument = nil
            h.pointee.endDocument = nil
            h.pointee.internalSubset = nil
            h.pointee.externalSubset = nil
            h.pointee.comment = nil
            h.pointee.processingInstruction = nil
            h.pointee.reference = nil
            h.pointee.ignorableWhitespace = { _, _, _ in }   // NOBLANKS: the tree would not have them either
            h.pointee.startElement = { ctx, name, attributes in
                guard let b = ParserContext.builder(ctx) else { return }
                b.pointee.start(Tag(name), HTMLTextBuilder.Attributes(node: nil, list: attributes))
                if b.pointee.overBudget { xmlStopParser(ctx?.assumingMemoryBound(to: xmlParserCtxt.self)) }
            }
            h.pointee.endElement = { ctx, _ in ParserContext.builder(ctx)?.pointee.end() }
            h.pointee.characters = { ctx, ch, len in
                guard let ch, len > 0 else { return }
                ParserContext.builder(ctx)?.pointee.text(UnsafeBufferPointer(start: ch, count: Int(len)))
            }
            h.pointee.cdataBlock = h.pointee.characters
        }
    }

    static func builder(_ ctx: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<HTMLTextBuilder>? {
        ctx?.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private?.assumingMemoryBound(to: HTMLTextBuilder.self)
    }

    private static func context(_ key: pthread_key_t?, setUp: (htmlParserCtxtPtr) -> Void) -> htmlParserCtxtPtr? {
        guard let key else { return nil }
        if let p = pthread_getspecific(key) { return p.assumingMemoryBound(to: htmlParserCtxt.self) }
        _ = HTMLDocument.initialized
        clibxml2_silence()   // this thread's error handlers
        guard let ctxt = htmlNewParserCtxt() else { return nil }
        setUp(ctxt)
        pthread_setspecific(key, ctxt)
        return ctxt
    }
}
