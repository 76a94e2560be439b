/// A store that answers queries in the query language (docs/search.md).
public protocol MessageSearching: Sendable {
    /// Runs the query tree: the first `limit` hits in `order`; ``SearchTimeLimitExceeded`` when
    /// it takes longer than `timeLimit`.
    func search(_ query: QueryNode, order: SearchOrder, limit: Int, timeLimit: Duration) throws -> [SearchHit]
    /// How many messages the query matches; ``SearchTimeLimitExceeded`` after `timeLimit`.
    func countMatches(_ query: QueryNode, timeLimit: Duration) throws -> Int
}
