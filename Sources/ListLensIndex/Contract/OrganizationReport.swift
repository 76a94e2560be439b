/// Organization involvement: one row per organization (registrable domain of the sender address),
/// plus one row for senders with no organization (webmail, or no domain).
public struct OrganizationReport: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        /// The organization, or nil for the unaffiliated row.
        public var organization: String?
        public var messages: Int
        public var people: Int
        /// Threads whose first message came from this organization.
        public var threadsStarted: Int
        public var firstMessage: String?
        public var lastMessage: String?

        public init(organization: String?, messages: Int, people: Int, threadsStarted: Int,
                    firstMessage: String?, lastMessage: String?) {
            self.organization = organization
            self.messages = messages
            self.people = people
            self.threadsStarted = threadsStarted
            self.firstMessage = firstMessage
            self.lastMessage = lastMessage
        }

        /// The contract's names (docs/json-output.md).
        enum CodingKeys: String, CodingKey {
            case organization, messages, people, threadsStarted = "threads_started",
                 firstMessage = "first_message", lastMessage = "last_message"
        }
    }

    public var rows: [Row]
    public var totalMessages: Int

    public init(rows: [Row], totalMessages: Int) {
        self.rows = rows
        self.totalMessages = totalMessages
    }

    /// Builds the report from a store, largest organizations first.
    public static func build(store: any ReportProducing) throws -> OrganizationReport {
        try store.organizationReport()
    }
}
