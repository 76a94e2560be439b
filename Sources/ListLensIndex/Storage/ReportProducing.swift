/// A store that produces report rows.
public protocol ReportProducing: Sendable {
    /// Messages, people, threads started and first and last message per organization, largest first;
    /// the messages of automated senders (``AutomatedSenderPass``) only when `includingAutomated`.
    func organizationReport(includingAutomated: Bool) throws -> OrganizationReport
    /// Persons with their messages, threads, organizations and reply partners, most messages first.
    func peopleReport(_ query: PeopleReport.Query) throws -> PeopleReport
    /// The persons `text` names: one of their addresses, a person id, or a full name any of their
    /// addresses used (case and diacritics folded); several when a name is shared.
    func explainPerson(_ text: String) throws -> [PersonExplanation]
}
