/// A query ran longer than its time limit (``SearchQuery/timeLimit`` unless the caller gave
/// another), and the store stopped it. What the store had found is not shown: a partial answer
/// would look like a whole one.
public struct SearchTimeLimitExceeded: Error, Equatable, CustomStringConvertible {
    public var limit: Duration

    public init(limit: Duration) { self.limit = limit }

    public var description: String {
        "the query ran longer than \(Self.written(limit)), its time limit: narrow it (a field, a date range, a rarer word) or give it more time (--time-limit)"
    }

    /// `10 s`, or `250 ms` for a limit that is not whole seconds.
    static func written(_ d: Duration) -> String {
        let (seconds, attoseconds) = d.components
        if attoseconds == 0 { return "\(seconds) s" }
        return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000) ms"
    }
}
