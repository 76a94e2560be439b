/// A typed HTML (and inline SVG) tree, rendered with every text and attribute value escaped: the
/// report page is built from values, never by pasting strings together.
///
/// ```swift
/// HTMLNode.element("td", ["data-messages": "464"], [.text("IBM & co")]).rendered   // <td data-messages="464">IBM &amp; co</td>
/// ```
public indirect enum HTMLNode: Sendable, Equatable {
    case element(String, [(String, String)], [HTMLNode])
    case text(String)

    public static func == (a: HTMLNode, b: HTMLNode) -> Bool { a.rendered == b.rendered }

    /// An element with attributes in the order given.
    public static func el(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], _ children: [HTMLNode] = []) -> HTMLNode {
        .element(name, attributes.map { ($0.key, $0.value) }, children)
    }

    /// An element with one text child.
    public static func el(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String) -> HTMLNode {
        .element(name, attributes.map { ($0.key, $0.value) }, [.text(text)])
    }

    /// Elements HTML writes without a closing tag.
    static let void: Set<String> = ["meta", "br", "hr", "img", "link", "input"]

    public var rendered: String {
        var out = ""
        render(into: &out)
        return out
    }

    /// Depth first with an explicit stack: a deep tree does not recurse.
    func render(into out: inout String) {
        enum Step { case open(HTMLNode), close(String) }
        var stack: [Step] = [.open(self)]
        while let step = stack.popLast() {
            switch step {
            case .close(let name):
                out += "</\(name)>"
            case .open(.text(let t)):
                out += Self.escape(t, attribute: false)
            case .open(.element(let name, let attributes, let children)):
                out += "<" + name
                for (k, v) in attributes { out += " \(k)=\"\(Self.escape(v, attribute: true))\"" }
                out += ">"
                guard !Self.void.contains(name) else { continue }
                stack.append(.close(name))
                for c in children.reversed() { stack.append(.open(c)) }
            }
        }
    }

    /// `&`, `<`, `>` always; quotes too in attribute values.
    static func escape(_ s: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "'" where attribute: out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
