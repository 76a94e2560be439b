/// A store that produces report rows.
public protocol ReportProducing: Sendable {
    /// Messages, people, threads started and first and last message per organization, largest first;
    /// the messages of automated senders (``AutomatedSenderPass``) only when `includingAutomated`.
    func organizationReport(includingAutomated: Bool) throws -> OrganizationReport
}
