/// Counted messages of one organization in one period (`ReportQuery.by`): a bar of the report
/// page's involvement chart (``ReportProducing/periodMessages(_:)``).
public struct PeriodMessages: Sendable, Equatable {
    public var period: String?
    /// nil: no organization.
    public var organization: String?
    public var messages: Int

    public init(period: String?, organization: String?, messages: Int) {
        self.period = period
        self.organization = organization
        self.messages = messages
    }
}
