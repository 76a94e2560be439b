import GRDB
import ListLensIndex
import ListLensText

/// Compiles a ``QueryNode`` into SQL for the SQLite schema: an FTS5 MATCH expression for the
/// text fields (ranked with bm25) and WHERE conditions for the rest.
///
/// The top-level conjunction's free and `quoted:` terms become one MATCH expression, grouped by
/// column (`{subject authored_text}: ("a" AND "b") AND quoted_text: ("c")`), so ranking covers
/// them; a negated text subtree beside them becomes `NOT`. Other nodes become conditions: `from:`
/// is a LIKE on the sender's name and address, and text under OR or NOT that cannot join the main
/// expression is a `m.id IN (SELECT rowid FROM message_fts …)` subquery. Every user value is bound
/// or quoted as an FTS5 string, never spliced in as syntax.
struct FTS5QueryCompiler {
    struct Compiled {
        /// The MATCH expression, when the query has ranked text.
        var match: String?
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
    }

    /// A node the SQLite backend cannot run (a range on a field that has no order).
    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    func compile(_ root: QueryNode) throws -> Compiled {
        var compiled = Compiled()
        var text: [QueryTerm] = [], quoted: [QueryTerm] = []
        var groups: [String] = [], negated: [String] = []
        var rest: [QueryNode] = []
        for node in root.conjuncts {
            switch node {
            case .term(.text, let t) where !t.isRange: text.append(t)
            case .term(.quoted, let t) where !t.isRange: quoted.append(t)
            case .term: rest.append(node)
            case .not(let inner):
                if let e = try expression(inner) { negated.append(e) } else { rest.append(node) }
            default:
                if let e = try expression(node) { groups.append(e) } else { rest.append(node) }
            }
        }
        var parts: [String] = []
        if !text.isEmpty { parts.append(Self.column(.text) + ": (" + text.map(Self.fts).joined(separator: " AND ") + ")") }
        if !quoted.isEmpty { parts.append(Self.column(.quoted) + ": (" + quoted.map(Self.fts).joined(separator: " AND ") + ")") }
        parts += groups
        if parts.isEmpty {
            // FTS5's NOT is binary: with nothing positive to rank, negated text is a condition.
            for e in negated {
                compiled.conditions.append("m.id NOT IN (SELECT rowid FROM message_fts WHERE message_fts MATCH ?)")
                compiled.arguments.append(e)
            }
        } else {
            var match = parts.joined(separator: " AND ")
            if !negated.isEmpty { match = "(" + match + ")" + negated.map { " NOT (" + $0 + ")" }.joined() }
            compiled.match = match
        }
        for node in rest {
            let (sql, arguments) = try condition(node)
            compiled.conditions.append(sql)
            compiled.arguments += arguments
        }
        return compiled
    }

    /// The node as one FTS5 expression, or nil when it holds anything but text fields (or a bare NOT).
    private func expression(_ node: QueryNode) throws -> String? {
        switch node {
        case .term(let field, let term):
            guard field == .text || field == .quoted else { return nil }
            if term.isRange { throw Unsupported(description: "a range cannot search \(field)") }
            return Self.column(field) + ": (" + Self.fts(term) + ")"
        case .and(let children), .or(let children):
            guard !children.isEmpty else { return nil }
            var parts: [String] = []
            for c in children {
                guard let e = try expression(c) else { return nil }
                parts.append(e)
            }
            if case .and = node { return "(" + parts.joined(separator: " AND ") + ")" }
            return "(" + parts.joined(separator: " OR ") + ")"
        case .not:
            return nil
        }
    }

    /// The node as a WHERE condition over `message m`.
    private func condition(_ node: QueryNode) throws -> (String, [any DatabaseValueConvertible]) {
        switch node {
        case .term(.from, let term):
            let value: String
            switch term {
            case .word(let v), .phrase(let v), .prefix(let v): value = v
            case .range: throw Unsupported(description: "a range cannot search from:")
            }
            let pattern = "%" + Self.escapeLike(value) + "%"
            return ("(m.from_address LIKE ? ESCAPE '\\' OR m.from_name LIKE ? ESCAPE '\\')", [pattern, pattern])
        case .term(let field, _) where field != .text && field != .quoted:
            throw Unsupported(description: "the SQLite store has no field \(field)")
        case .and(let children), .or(let children):
            if children.isEmpty { return (node == .and([]) ? "1" : "0", []) }
            var parts: [String] = [], arguments: [any DatabaseValueConvertible] = []
            for c in children {
                let (sql, a) = try condition(c)
                parts.append(sql)
                arguments += a
            }
            let joiner: String
            if case .and = node { joiner = " AND " } else { joiner = " OR " }
            return ("(" + parts.joined(separator: joiner) + ")", arguments)
        case .not(let inner):
            let (sql, arguments) = try condition(inner)
            return ("NOT " + sql, arguments)
        case .term:
            guard let e = try expression(node) else { throw Unsupported(description: "cannot search \(node)") }
            return ("m.id IN (SELECT rowid FROM message_fts WHERE message_fts MATCH ?)", [e])
        }
    }

    static func column(_ field: QueryField) -> String {
        field == .quoted ? "quoted_text" : "{subject authored_text}"
    }

    /// One term as an FTS5 string (so user text is never FTS syntax); a prefix adds ` *`.
    static func fts(_ term: QueryTerm) -> String {
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        switch term {
        case .word(let w), .phrase(let w): return q(w)
        case .prefix(let p): return q(p) + " *"
        case .range: return q("")
        }
    }

    static func escapeLike(_ s: String) -> String {
        var out = ""
        for ch in s {
            if ch == "%" || ch == "_" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}

