/// Runs ``SearchQuery``s against a store: the backend compiles the tree (FTS5 with bm25 for SQLite).
public struct Searcher {
    let store: any MessageSearching

    public init(store: any MessageSearching) { self.store = store }

    /// Hits ranked by relevance when the query has free text, newest first otherwise; none for an empty query.
    public func search(_ query: SearchQuery, limit: Int = 20) throws -> [SearchHit] {
        guard let root = query.root else { return [] }
        return try store.search(root, limit: limit)
    }
}
