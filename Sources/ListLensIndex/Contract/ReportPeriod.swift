/// The stretch of time a report's rows are grouped by (`orgs --by month`): each row then holds one
/// organization in one period, named `2020-03`, `2020-Q1` or `2020` (UTC). Messages without a date
/// fall in the period named ``undated``, which sorts after every dated one.
public enum ReportPeriod: String, Sendable, Equatable, CaseIterable, Codable {
    case month, quarter, year

    /// The period of the messages whose date is unknown.
    public static let undated = "undated"
}
