import ListLensText
/// A parsed search query: free text for FTS5 plus field filters. Syntax in docs/search.md.
///
/// `from:glyph deferred "inline callbacks" errback*` → from = ["glyph"], terms = [deferred,
/// "inline callbacks" (phrase), errback* (prefix)]. All parts must match (AND).
public struct SearchQuery: Sendable, Equatable {
    public enum Term: Sendable, Equatable {
        case word(String)
        case phrase(String)
        case prefix(String)
    }

    public var terms: [Term] = []
    /// `from:` values: each must match the sender's name or address (case-insensitive substring).
    public var from: [String] = []
    /// `quoted:` terms search the quoted text instead of what the sender wrote.
    public var quoted: [Term] = []

    /// Longest query accepted, in characters.
    public static let maxLength = 1000

    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    public init(terms: [Term] = [], from: [String] = [], quoted: [Term] = []) {
        self.terms = terms
        self.from = from
        self.quoted = quoted
    }

    public var isEmpty: Bool { terms.isEmpty && from.isEmpty && quoted.isEmpty }

    public static func parse(_ text: String) throws -> SearchQuery {
        guard text.count <= maxLength else { throw ParseError(description: "query longer than \(maxLength) characters") }
        var query = SearchQuery()
        var i = text.startIndex
        while i < text.endIndex {
            if text[i] == " " || text[i] == "\t" { i = text.index(after: i); continue }
            // field:value or field:"quoted value"
            var field: String? = nil
            if let colon = text[i...].firstIndex(where: { $0 == ":" || $0 == " " || $0 == "\"" }), text[colon] == ":" {
                let name = text[i..<colon].lowercased()
                if ["from", "quoted"].contains(name) {
                    field = name
                    i = text.index(after: colon)
                } else if !name.isEmpty {
                    throw ParseError(description: "unknown field '\(name):' (known: from:, quoted:)")
                }
            }
            let value: String
            let isPhrase: Bool
            if i < text.endIndex, text[i] == "\"" {
                let start = text.index(after: i)
                guard let close = text[start...].firstIndex(of: "\"") else { throw ParseError(description: "unclosed quote") }
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
                if let field { throw ParseError(description: "'\(field):' needs a value") }
                continue
            }
            let term: Term = isPhrase ? .phrase(value) : (value.hasSuffix("*") && value.count > 1 ? .prefix(String(value.dropLast())) : .word(value))
            switch field {
            case "from": query.from.append(value)
            case "quoted": query.quoted.append(term)
            default: query.terms.append(term)
            }
        }
        return query
    }

    /// The FTS5 MATCH expression, every term quoted as an FTS5 string (so user text is never FTS syntax).
    func ftsExpression() -> String? {
        var parts: [String] = []
        if !terms.isEmpty { parts.append("{subject authored_text}: (" + terms.map(Self.fts).joined(separator: " AND ") + ")") }
        if !quoted.isEmpty { parts.append("quoted_text: (" + quoted.map(Self.fts).joined(separator: " AND ") + ")") }
        return parts.isEmpty ? nil : parts.joined(separator: " AND ")
    }

    private static func fts(_ term: Term) -> String {
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        switch term {
        case .word(let w), .phrase(let w): return q(w)
        case .prefix(let p): return q(p) + " *"
        }
    }
}
