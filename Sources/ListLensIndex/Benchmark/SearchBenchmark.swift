import ListLensText

/// Search latency in one process, as `listlens search` spends it: the first 20 hits by relevance,
/// then, when there are 20, how many there are in all. Each query runs `runs` times after one
/// run that warms the store's caches; its median and slowest runs are reported.
/// scripts/benchmark_search.py runs it beside notmuch and prints p50 and p95 per class of query.
public struct SearchBenchmark {
    public struct Query: Codable, Sendable, Equatable {
        /// What kind of query it is (`term`, `phrase`, `from`, …): the benchmark's classes.
        public var kind: String
        public var text: String
        public init(kind: String, text: String) {
            self.kind = kind
            self.text = text
        }
    }

    public struct Timing: Codable, Sendable, Equatable {
        public var kind: String
        public var query: String
        /// Messages the query matches.
        public var hits: Int
        /// Milliseconds of each run, in the order run.
        public var milliseconds: [Double]
    }

    /// Hits shown, as `listlens search` shows by default.
    public static let shown = 20

    public var runs: Int
    public init(runs: Int = 5) { self.runs = max(1, runs) }

    /// Each of `queries` timed on `store`; a query that does not parse is an error naming it.
    public func run(_ queries: [Query], store: any MessageSearching) throws -> [Timing] {
        let searcher = Searcher(store: store)
        return try queries.map { q in
            let parsed = try SearchQuery.parse(q.text)
            var total = 0
            func once() throws {
                let hits = try searcher.search(parsed, limit: Self.shown)
                total = hits.count == Self.shown ? try searcher.count(parsed) : hits.count
            }
            try once()
            var times: [Double] = []
            for _ in 0..<runs {
                let start = MonotonicClock.now()
                try once()
                times.append((MonotonicClock.now() - start) * 1000)
            }
            return Timing(kind: q.kind, query: q.text, hits: total, milliseconds: times)
        }
    }
}
