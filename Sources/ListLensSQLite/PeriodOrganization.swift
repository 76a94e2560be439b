/// A row of the organization report: one organization (nil: none) in one period (nil: all time).
struct PeriodOrganization: Hashable {
    var period: String?
    var organization: Int64?
}
