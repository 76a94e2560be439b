/// A store that answers queries in the query language (docs/search.md).
public protocol MessageSearching: Sendable {
    /// Runs the query tree: ranked by relevance when it has free text, newest first otherwise.
    func search(_ query: QueryNode, limit: Int) throws -> [SearchHit]
}
