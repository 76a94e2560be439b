/// A parsed search query: the text as given and its syntax tree. Syntax in docs/search.md.
///
/// `from:glyph deferred "inline callbacks" errback*` → a conjunction of `from:` glyph and three free
/// terms: the word deferred, the phrase "inline callbacks", the prefix errback.
public struct SearchQuery: Sendable, Equatable {
    public var text: String
    /// nil when the text holds nothing to search for.
    public var root: QueryNode?

    /// Longest query accepted, in characters.
    public static let maxLength = 1000

    public init(text: String = "", root: QueryNode?) {
        self.text = text
        self.root = root
    }

    public var isEmpty: Bool { root == nil }

    /// Reads query text into a tree. Terms side by side must all match (AND).
    public static func parse(_ text: String) throws(QueryParseError) -> SearchQuery {
        guard text.count <= maxLength else { throw QueryParseError("query longer than \(maxLength) characters", at: maxLength) }
        var leaves: [QueryNode] = []
        var i = text.startIndex
        func offset(_ index: String.Index) -> Int { text.distance(from: text.startIndex, to: index) }
        while i < text.endIndex {
            if text[i] == " " || text[i] == "\t" { i = text.index(after: i); continue }
            let termStart = i
            // field:value or field:"quoted value"
            var field: QueryField? = nil
            if let colon = text[i...].firstIndex(where: { $0 == ":" || $0 == " " || $0 == "\"" }), text[colon] == ":" {
                let name = text[i..<colon].lowercased()
                if let known = QueryField.named.first(where: { $0.name == name }) {
                    field = known
                    i = text.index(after: colon)
                } else if !name.isEmpty {
                    let known = QueryField.named.map(\.description).joined(separator: ", ")
                    throw QueryParseError("unknown field '\(name):' (known: \(known))", at: offset(termStart))
                }
            }
            let value: String
            let isPhrase: Bool
            if i < text.endIndex, text[i] == "\"" {
                let start = text.index(after: i)
                guard let close = text[start...].firstIndex(of: "\"") else { throw QueryParseError("unclosed quote", at: offset(i)) }
                value = String(text[start..<close])
                isPhrase = true
                i = text.index(after: close)
            } else {
                let end = text[i...].firstIndex(where: { $0 == " " || $0 == "\t" }) ?? text.endIndex
                value = String(text[i..<end])
                isPhrase = false
                i = end
            }
            guard !value.isEmpty else {
                if let field { throw QueryParseError("'\(field.name):' needs a value", at: offset(termStart)) }
                continue
            }
            switch field {
            case .from?:
                // The sender's name or address contains the value as written (a `*` is not special here).
                leaves.append(.term(.from, isPhrase ? .phrase(value) : .word(value)))
            default:
                let term: QueryTerm = isPhrase ? .phrase(value)
                    : (value.hasSuffix("*") && value.count > 1 ? .prefix(String(value.dropLast())) : .word(value))
                leaves.append(.term(field ?? .text, term))
            }
        }
        let root: QueryNode? = leaves.isEmpty ? nil : leaves.count == 1 ? leaves[0] : .and(leaves)
        return SearchQuery(text: text, root: root)
    }
}
