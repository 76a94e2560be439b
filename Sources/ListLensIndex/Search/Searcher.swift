/// Runs ``SearchQuery``s against a store: the backend compiles the tree (FTS5 with bm25 for SQLite).
public struct Searcher {
    let store: any MessageSearching
    /// Longest the store may take over a query's hits, and over its count.
    public var timeLimit: Duration

    public init(store: any MessageSearching, timeLimit: Duration = SearchQuery.timeLimit) {
        self.store = store
        self.timeLimit = timeLimit
    }

    /// The first `limit` hits: ranked by relevance when the query has words (newest first among
    /// equals, and for a query without words), or newest first; none for an empty query.
    public func search(_ query: SearchQuery, order: SearchOrder = .relevance, limit: Int = 20) throws -> [SearchHit] {
        guard let root = query.root else { return [] }
        return try store.search(root, order: order, limit: limit, timeLimit: timeLimit)
    }

    /// How many messages the query matches (0 for an empty query).
    public func count(_ query: SearchQuery) throws -> Int {
        guard let root = query.root else { return 0 }
        return try store.countMatches(root, timeLimit: timeLimit)
    }
}
