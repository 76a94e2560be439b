/// How hits are ordered.
public enum SearchOrder: String, Sendable, CaseIterable {
    /// Best bm25 rank first, newer first among equals; newest first for a query without words.
    case relevance
    /// Newest first.
    case date
}
