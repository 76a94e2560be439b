/// A year, month or day as written on a command line (`2017`, `2017-05`, `2017-05-02`), as the
/// UTC instants it spans: `start` is its first second, `end` the first second after it.
///
/// `--since 2017-05` counts from `start`; `--until 2017-05` counts through the end of May, to `end`.
public struct CalendarPeriod: Sendable, Equatable {
    public var start: Int64
    public var end: Int64

    /// Nil unless `text` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real month and day (years 1000 to 9999).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].utf8.count == 4, parts.dropFirst().allSatisfy({ $0.utf8.count == 2 }),
              parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
              let year = Int64(parts[0]), year >= 1000 else { return nil }
        let month = parts.count > 1 ? Int(parts[1]) ?? 0 : 1
        let day = parts.count > 2 ? Int(parts[2]) ?? 0 : 1
        guard (1...12).contains(month), (1...CivilDate.daysInMonth(year, month)).contains(day) else { return nil }
        let first = CivilDate.days(year: year, month: month, day: day)
        let after: Int64
        switch parts.count {
        case 1: after = CivilDate.days(year: year + 1, month: 1, day: 1)
        case 2: after = month == 12 ? CivilDate.days(year: year + 1, month: 1, day: 1) : CivilDate.days(year: year, month: month + 1, day: 1)
        default: after = first + 1
        }
        start = first * 86_400
        end = after * 86_400
    }
}
