/// A row of the organization report: one organization (nil: none) in one period (its key,
/// ``SQLiteStore/periodKey(_:_:)``; nil: all time, or undated when the report has periods).
struct PeriodOrganization: Hashable {
    var period: Int64?
    var organization: Int64?
}
