/// Dates widened into spans (from `before` seconds before each to `after` seconds after it) and
/// merged where the spans overlap: the stretches of dates a sweep reads once each. Shared by the
/// quote lookups (``ShingleWindow``'s spans) and the store's choice of replies to look again at.
/// Arithmetic saturates: a date near the ends of `Int64` gives a span cut at the end, never one
/// that wraps round.
public enum DateStretches {
    /// The span of one date.
    public static func span(of date: Int64, before: Int64, after: Int64) -> ClosedRange<Int64> {
        let (start, under) = date.subtractingReportingOverflow(max(0, before))
        let (end, over) = date.addingReportingOverflow(max(0, after))
        return (under ? .min : start)...(over ? .max : end)
    }

    /// For `dates` in ascending order: each stretch's dates and the positions (in `dates`) of the
    /// dates it was made from, in order.
    public static func of(_ dates: [Int64], before: Int64, after: Int64) -> [(dates: ClosedRange<Int64>, members: ClosedRange<Int>)] {
        var out: [(dates: ClosedRange<Int64>, members: ClosedRange<Int>)] = []
        var first = 0
        while first < dates.count {
            var stretch = span(of: dates[first], before: before, after: after)
            var last = first
            while last + 1 < dates.count, span(of: dates[last + 1], before: before, after: after).lowerBound <= stretch.upperBound {
                last += 1
                stretch = stretch.lowerBound...max(stretch.upperBound, span(of: dates[last], before: before, after: after).upperBound)
            }
            out.append((stretch, first...last))
            first = last + 1
        }
        return out
    }
}
