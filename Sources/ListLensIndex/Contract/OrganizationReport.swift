import ListLensText

/// Organization involvement: one row per organization (registrable domain of the sender address),
/// plus one row for senders with no organization (webmail, or no domain).
public struct OrganizationReport: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        /// The organization, or nil for the unaffiliated row.
        public var organization: String?
        public var messages: Int
        public var people: Int
        /// This organization's part of all messages, 0 to 1, to four decimals (set by the report).
        public internal(set) var share: Double = 0
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

        /// The contract's names (docs/json-output.md); the CSV columns are the same.
        enum CodingKeys: String, CodingKey, CaseIterable {
            case organization, messages, share, people, threadsStarted = "threads_started",
                 firstMessage = "first_message", lastMessage = "last_message"
        }

        /// Every key is written, `null` included (synthesized Codable would leave nil keys out).
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(organization, forKey: .organization)
            try c.encode(messages, forKey: .messages)
            try c.encode(share, forKey: .share)
            try c.encode(people, forKey: .people)
            try c.encode(threadsStarted, forKey: .threadsStarted)
            try c.encode(firstMessage, forKey: .firstMessage)
            try c.encode(lastMessage, forKey: .lastMessage)
        }

        /// The contract's key names in column order, for CSV headers.
        public static var columns: [String] { CodingKeys.allCases.map(\.stringValue) }
    }

    public var rows: [Row]
    public var totalMessages: Int
    /// Messages of automated senders the report left out, and how many such senders sent them.
    public var leftOut: LeftOut

    public struct LeftOut: Sendable, Codable, Equatable {
        public var messages: Int
        public var senders: Int
        public init(messages: Int = 0, senders: Int = 0) {
            self.messages = messages
            self.senders = senders
        }
    }

    /// Of the counted messages, those whose From their list rewrote (DMARC), counted for the author
    /// found elsewhere in them: how far the ranking rests on undone rewrites.
    public var rewritten: Int

    /// How far to trust the ranking: the shares of the counted messages that no organization holds
    /// (webmail, ISPs, personal domains, unknown senders) and that the list had rewritten. What automated senders sent
    /// is in ``leftOut``.
    public var coverage: String {
        let unaffiliated = rows.first { $0.organization == nil }?.messages ?? 0
        return "coverage: of \(totalMessages.counted("message")) counted, \(Double.share(unaffiliated, of: totalMessages).percent) from no organization "
            + "(webmail, ISPs, personal domains, unknown senders), \(Double.share(rewritten, of: totalMessages).percent) whose From the list rewrote (DMARC, undone)"
    }

    /// The report over `rows`; each row's ``Row/share`` is its messages over `totalMessages`.
    public init(rows: [Row], totalMessages: Int, leftOut: LeftOut = LeftOut(), rewritten: Int = 0) {
        self.leftOut = leftOut
        self.rewritten = rewritten
        self.rows = rows.map { row in
            var r = row
            r.share = totalMessages > 0 ? (Double(row.messages) / Double(totalMessages) * 10_000).rounded() / 10_000 : 0
            return r
        }
        self.totalMessages = totalMessages
    }

    /// Builds the report from a store, largest organizations first; automated senders' messages
    /// (list addresses, trackers, CI, bots) count only when `includingAutomated`.
    public static func build(store: any ReportProducing, includingAutomated: Bool = false) throws -> OrganizationReport {
        try store.organizationReport(ReportQuery(includingAutomated: includingAutomated))
    }

    /// The report over the messages `query` chooses (its `organization` is not used: every row is one).
    public static func build(store: any ReportProducing, _ query: ReportQuery) throws -> OrganizationReport {
        try store.organizationReport(query)
    }
}
