/// Participants as persons (addresses joined by the identity rules): what each one sent, started
/// and joined, from which organizations, and whom they answer most and who answers them.
public struct PeopleReport: Sendable, Codable, Equatable {
    /// Which messages count (`organization`: only those sent from it).
    public typealias Query = ReportQuery

    /// Another person and the replies between the two.
    public struct Partner: Sendable, Codable, Equatable {
        public var personID: Int64
        public var name: String?
        public var replies: Int

        public init(personID: Int64, name: String?, replies: Int) {
            self.personID = personID
            self.name = name
            self.replies = replies
        }

        enum CodingKeys: String, CodingKey { case personID = "person_id", name, replies }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(personID, forKey: .personID)
            try c.encode(name, forKey: .name)
            try c.encode(replies, forKey: .replies)
        }
    }

    /// One organization a person's counted messages count for, and when.
    public struct OrganizationPeriod: Sendable, Codable, Equatable {
        public var organization: String
        public var messages: Int
        public var firstMessage: String?
        public var lastMessage: String?

        public init(organization: String, messages: Int, firstMessage: String?, lastMessage: String?) {
            self.organization = organization
            self.messages = messages
            self.firstMessage = firstMessage
            self.lastMessage = lastMessage
        }

        enum CodingKeys: String, CodingKey { case organization, messages, firstMessage = "first_message", lastMessage = "last_message" }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(organization, forKey: .organization)
            try c.encode(messages, forKey: .messages)
            try c.encode(firstMessage, forKey: .firstMessage)
            try c.encode(lastMessage, forKey: .lastMessage)
        }
    }

    public struct Row: Sendable, Codable, Equatable {
        public var personID: Int64
        public var name: String?
        /// The person's first stored address, which names it in `people --explain`.
        public var key: String
        /// The person's addresses that sent counted messages.
        public var addresses: Int
        public var messages: Int
        /// Words of new text in their counted messages (``OrganizationReport/Row/words``).
        public var words: Int
        public var threadsStarted: Int
        /// Threads with a message of theirs, started by them or not.
        public var threadsJoined: Int
        /// Organizations of their counted messages, most messages first (unaffiliated ones left out).
        public var organizations: [String]
        /// The same organizations over time: each with its messages, first and last, earliest first.
        public var organizationPeriods: [OrganizationPeriod]
        public var firstMessage: String?
        public var lastMessage: String?
        /// Whose messages they answer most, and who answers theirs most (themselves left out).
        public var answersMost: Partner?
        public var answeredMostBy: Partner?

        public init(personID: Int64, name: String?, key: String, addresses: Int, messages: Int, words: Int = 0, threadsStarted: Int,
                    threadsJoined: Int, organizations: [String], organizationPeriods: [OrganizationPeriod] = [],
                    firstMessage: String?, lastMessage: String?, answersMost: Partner? = nil, answeredMostBy: Partner? = nil) {
            self.words = words
            self.organizationPeriods = organizationPeriods
            self.personID = personID
            self.name = name
            self.key = key
            self.addresses = addresses
            self.messages = messages
            self.threadsStarted = threadsStarted
            self.threadsJoined = threadsJoined
            self.organizations = organizations
            self.firstMessage = firstMessage
            self.lastMessage = lastMessage
            self.answersMost = answersMost
            self.answeredMostBy = answeredMostBy
        }

        /// The contract's names (docs/json-output.md), in column order.
        enum CodingKeys: String, CodingKey, CaseIterable {
            case personID = "person_id", name, key, addresses, messages, words, threadsStarted = "threads_started",
                 threadsJoined = "threads_joined", organizations, organizationPeriods = "organization_periods", firstMessage = "first_message",
                 lastMessage = "last_message", answersMost = "answers_most", answeredMostBy = "answered_most_by"
        }

        /// Every key is written, `null` included.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(personID, forKey: .personID)
            try c.encode(name, forKey: .name)
            try c.encode(key, forKey: .key)
            try c.encode(addresses, forKey: .addresses)
            try c.encode(messages, forKey: .messages)
            try c.encode(words, forKey: .words)
            try c.encode(threadsStarted, forKey: .threadsStarted)
            try c.encode(threadsJoined, forKey: .threadsJoined)
            try c.encode(organizations, forKey: .organizations)
            try c.encode(organizationPeriods, forKey: .organizationPeriods)
            try c.encode(firstMessage, forKey: .firstMessage)
            try c.encode(lastMessage, forKey: .lastMessage)
            try c.encode(answersMost, forKey: .answersMost)
            try c.encode(answeredMostBy, forKey: .answeredMostBy)
        }

        public static var columns: [String] { CodingKeys.allCases.map(\.stringValue) }
    }

    /// Most messages first.
    public var rows: [Row]
    /// Every person counted: more than `rows` holds when the report was asked for the first few.
    public var persons: Int
    /// Messages of automated senders left out, and how many such senders sent them.
    public var leftOut: OrganizationReport.LeftOut

    public init(rows: [Row], persons: Int? = nil, leftOut: OrganizationReport.LeftOut = .init()) {
        self.rows = rows
        self.persons = persons ?? rows.count
        self.leftOut = leftOut
    }

    /// Every person `query` counts, or the `first` of them (most messages first) when given.
    public static func build(store: any ReportProducing, _ query: Query = Query(), first: Int? = nil) throws -> PeopleReport {
        try store.peopleReport(query, first: first)
    }
}
