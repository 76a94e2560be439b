/// A parsed search query: the text as given and its syntax tree. Syntax in docs/search.md.
///
/// `from:glyph deferred "inline callbacks" errback*` → a conjunction of `from:` glyph and three free
/// terms: the word deferred, the phrase "inline callbacks", the prefix errback.
/// `(deferred OR errback) -twisted NOT from:glyph` → a conjunction of a disjunction and two negations.
public struct SearchQuery: Sendable, Equatable {
    public var text: String
    /// nil when the text holds nothing to search for.
    public var root: QueryNode?

    /// Longest query accepted, in characters.
    public static let maxLength = 1000
    /// Most terms (words, phrases, prefixes, field values) in one query.
    public static let maxTerms = 100
    /// Deepest nesting of parentheses.
    public static let maxDepth = 20
    /// Longest a store may take over a query's hits, and again over its count
    /// (``SearchTimeLimitExceeded`` past it).
    public static let timeLimit = Duration.seconds(10)

    public init(text: String = "", root: QueryNode?) {
        self.text = text
        self.root = root
    }

    public var isEmpty: Bool { root == nil }

    /// Reads query text into a tree. Terms side by side must all match (AND); `OR` between two
    /// parts lets either match and binds looser than AND; `NOT` or a leading `-` negates the part
    /// it precedes; parentheses group. Without recursion: the tree is built on explicit stacks
    /// (operator precedence), and the depth of parentheses has a limit.
    public static func parse(_ text: String) throws(QueryParseError) -> SearchQuery {
        guard text.count <= maxLength else { throw QueryParseError("query longer than \(maxLength) characters", at: maxLength) }
        let tokens = try QueryLexer.tokens(text)
        var operands: [QueryNode] = []
        var operators: [(token: QueryLexer.Token, at: Int)] = []
        var terms = 0, depth = 0
        // What the next token may be: an operand (a term, NOT, an opening parenthesis) or,
        // after one, an operator or a closing parenthesis.
        var expectingOperand = true
        var last: (token: QueryLexer.Token, at: Int)?

        func apply(_ op: QueryLexer.Token) {
            switch op {
            case .not:
                let x = operands.removeLast()
                if case .not(let inner) = x { operands.append(inner) } else { operands.append(.not(x)) }
            case .and, .or:
                let b = operands.removeLast(), a = operands.removeLast()
                func parts(_ n: QueryNode) -> [QueryNode] {
                    switch (op, n) {
                    case (.and, .and(let c)), (.or, .or(let c)): return c
                    default: return [n]
                    }
                }
                operands.append(op == .and ? .and(parts(a) + parts(b)) : .or(parts(a) + parts(b)))
            default:
                break
            }
        }
        func precedence(_ op: QueryLexer.Token) -> Int {
            switch op {
            case .or: return 1
            case .and: return 2
            case .not: return 3
            default: return 0
            }
        }
        func push(_ op: QueryLexer.Token, at position: Int) {
            // NOT is a prefix: it waits for its operand. AND and OR apply what binds at least as tightly first.
            if op != .not {
                while let top = operators.last, top.token != .open, precedence(top.token) >= precedence(op) {
                    apply(operators.removeLast().token)
                }
            }
            operators.append((op, position))
        }

        for (token, at) in tokens {
            switch token {
            case .term(let node):
                if !expectingOperand { push(.and, at: at) }
                terms += 1
                guard terms <= maxTerms else { throw QueryParseError("more than \(maxTerms) terms", at: at) }
                operands.append(node)
                expectingOperand = false
            case .not:
                if !expectingOperand { push(.and, at: at) }
                push(.not, at: at)
                expectingOperand = true
            case .open:
                if !expectingOperand { push(.and, at: at) }
                depth += 1
                guard depth <= maxDepth else { throw QueryParseError("parentheses nested deeper than \(maxDepth)", at: at) }
                operators.append((.open, at))
                expectingOperand = true
            case .close:
                if expectingOperand { throw QueryParseError(last.map { "nothing after \($0.token.name)" } ?? "nothing to search for", at: last?.at ?? at) }
                while let top = operators.last, top.token != .open { apply(operators.removeLast().token) }
                operators.removeLast()
                depth -= 1
                expectingOperand = false
            case .and, .or:
                if expectingOperand {
                    throw QueryParseError(last.map { "\(token.name) after \($0.token.name)" } ?? "\(token.name) with nothing before it", at: at)
                }
                push(token, at: at)
                expectingOperand = true
            }
            last = (token, at)
        }
        if let last, expectingOperand, last.token != .open {
            throw QueryParseError("nothing after \(last.token.name)", at: last.at)
        }
        while let top = operators.popLast() {
            if top.token == .open {
                // `(` with nothing inside and nothing after: nothing to group.
                guard operands.isEmpty && tokens.count == 1 else { throw QueryParseError("unclosed parenthesis", at: top.at) }
                continue
            }
            apply(top.token)
        }
        return SearchQuery(text: text, root: operands.last)
    }
}
