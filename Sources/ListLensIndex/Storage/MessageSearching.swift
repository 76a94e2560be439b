/// A store that answers queries in the query language (docs/search.md).
public protocol MessageSearching: Sendable {
    /// Runs the query tree: the first `limit` hits in `order`.
    func search(_ query: QueryNode, order: SearchOrder, limit: Int) throws -> [SearchHit]
    /// How many messages the query matches.
    func countMatches(_ query: QueryNode) throws -> Int
}
