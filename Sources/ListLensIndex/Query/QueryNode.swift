/// A query as a tree: what the parser makes of the query text, and what each backend compiles
/// (FTS5 for SQLite). docs/search.md gives the text syntax.
///
/// `from:glyph deferred "inline callbacks"` →
/// `.and([.term(.from, .word("glyph")), .term(.text, .word("deferred")), .term(.text, .phrase("inline callbacks"))])`.
public indirect enum QueryNode: Sendable, Equatable {
    /// One field's term: `deferred`, `from:glyph`, `quoted:"draft charter"`.
    case term(QueryField, QueryTerm)
    /// Every child must match (the text's juxtaposition).
    case and([QueryNode])
    /// Any child may match.
    case or([QueryNode])
    /// The child must not match.
    case not(QueryNode)

    /// The children of a top-level AND, or the node itself.
    public var conjuncts: [QueryNode] {
        if case .and(let children) = self { return children }
        return [self]
    }
}
