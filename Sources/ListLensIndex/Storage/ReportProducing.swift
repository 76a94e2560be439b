/// A store that produces report rows.
public protocol ReportProducing: Sendable {
    /// Messages, people, threads started and first and last message per organization, largest first;
    /// the messages of automated senders (``AutomatedSenderPass``) only when `includingAutomated`.
    func organizationReport(_ query: ReportQuery) throws -> OrganizationReport
    /// The persons whose counted messages an organization's figures hold (`query.organization`), with their addresses.
    func explainOrganization(_ query: ReportQuery) throws -> OrganizationExplanation
    /// Replies between organizations: the counted replies by their organization and their parent's.
    func replyMatrix(_ query: ReportQuery) throws -> ReplyMatrix
    /// CHAOSS health figures per list (all lists together unless `perList`) and per `query.by` period;
    /// the elephant and contributor absence factors count to `share` of the contributions.
    func healthReport(_ query: ReportQuery, perList: Bool, share: Double) throws -> HealthReport
    /// Persons with their messages, threads, organizations and reply partners, most messages first.
    func peopleReport(_ query: ReportQuery) throws -> PeopleReport
    /// The persons `text` names: one of their addresses, a person id, or a full name any of their
    /// addresses used (case and diacritics folded); several when a name is shared.
    func explainPerson(_ text: String) throws -> [PersonExplanation]
}
