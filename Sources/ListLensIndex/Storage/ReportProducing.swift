/// A store that produces report rows.
public protocol ReportProducing: Sendable {
    /// Brings the sums reports read up to date with every write, where the store keeps any (and
    /// may write). Reports are right without it, and only slower: they compute what is stale.
    func refreshReportTables() throws
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
    /// Only the `first` of them in that order when given (1 or more), with ``PeopleReport/persons``
    /// still counting them all: what a table of the top few needs, without the figures of the rest.
    func peopleReport(_ query: ReportQuery, first: Int?) throws -> PeopleReport
    /// The persons `text` names: one of their addresses, a person id, or a full name any of their
    /// addresses used (case and diacritics folded); several when a name is shared.
    func explainPerson(_ text: String) throws -> [PersonExplanation]
    /// Counted messages per `query.by` period and organization, in no set order: what the report
    /// page charts, without the other figures ``organizationReport(_:)`` computes per period.
    func periodMessages(_ query: ReportQuery) throws -> [PeriodMessages]
    /// The `limit` persons with the most counted messages, ordered as ``peopleReport(_:first:)`` orders
    /// them, each with the organization most of their messages count for.
    func topPeople(_ query: ReportQuery, limit: Int) throws -> TopPeople
    /// The topics (subject tags and key phrases) of the messages `query` chooses, most messages
    /// first, the `first` of them (per `query.by` period) when given, with the organizations most involved in each.
    func topicReport(_ query: ReportQuery, first: Int?) throws -> TopicReport
}
