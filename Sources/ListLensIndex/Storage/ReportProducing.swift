/// A store that produces report rows.
public protocol ReportProducing: Sendable {
    /// Messages, people, threads started and first and last message per organization, largest first.
    func organizationReport() throws -> OrganizationReport
}
