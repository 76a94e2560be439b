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
/// ``HTMLLimits/maxInputBytes`` is cut there first. The bytes are repaired by ``HTMLRepair`` and
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
        while let node = stack.popLast(), steps < HTMLLimits.maxNodes {
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
        while let node = n, out.count < HTMLLimits.maxNodes {
            if isEnd(node) { break }
            out.append(node)
            n = node.pointee.next
        }
        return out
    }
}
