import ListLensMail

/// A date as queries write it, and the instants it spans (UTC, seconds since 1970).
///
/// - `2017`, `2017-05`, `2017-05-02`: that year, month or day (``CalendarPeriod``).
/// - `30d`, `2w`, `6m`, `1y`: that long before now (a month is 30 days, a year 365): as a range's
///   lower bound, from then; as its upper bound, until then.
///
/// A range is `A..B` (from the start of A to the end of B), `A..` or `..B`; `date:30d` alone is the
/// last 30 days.
public enum QueryDate: Sendable, Equatable {
    case period(CalendarPeriod)
    case ago(seconds: Int64)

    /// Most units a relative date counts (99999 days is 273 years): its arithmetic cannot overflow.
    static let maxCount = 99_999

    /// Nil unless `text` is one of the forms above.
    public init?(_ text: String) {
        if let period = CalendarPeriod(text) { self = .period(period); return }
        guard let unit = text.last, text.count >= 2, text.count <= 6 else { return nil }
        let digits = text.dropLast()
        guard digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int64(digits), n <= Self.maxCount else { return nil }
        let day: Int64 = 86_400
        switch unit {
        case "d": self = .ago(seconds: n * day)
        case "w": self = .ago(seconds: n * 7 * day)
        case "m": self = .ago(seconds: n * 30 * day)
        case "y": self = .ago(seconds: n * 365 * day)
        default: return nil
        }
    }

    /// Its first instant.
    public func start(now: Int64) -> Int64 {
        switch self {
        case .period(let p): p.start
        case .ago(let s): now - s
        }
    }

    /// The first instant after it (a relative date is an instant: its start).
    public func end(now: Int64) -> Int64 {
        switch self {
        case .period(let p): p.end
        case .ago(let s): now - s
        }
    }

    /// The instants `date:` with `lower..upper` spans, `start ..< end`, nil for an open side.
    /// `date:2017` is `2017..2017`; `date:30d` is `30d..`.
    public static func interval(lower: QueryDate?, upper: QueryDate?, now: Int64) -> (start: Int64?, end: Int64?) {
        (lower?.start(now: now), upper?.end(now: now))
    }
}
