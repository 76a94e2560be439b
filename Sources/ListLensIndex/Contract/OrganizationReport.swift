import ListLensText

/// Organization involvement: one row per organization (the organization each message counts for:
/// docs/organizations.md), plus one row for messages that count for none; with ``ReportQuery/by``,
/// one row per organization and period.
public struct OrganizationReport: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        /// The period (`2020-03`, `2020-Q1`, `2020`) when the report is grouped by one, else nil.
        public var period: String?
        /// The organization, or nil for the unaffiliated row.
        public var organization: String?
        public var messages: Int
        /// Words of new text: the authored text of its messages, quotes, signatures and footers left out (``WordCount``).
        public var words: Int
        public var people: Int
        /// This organization's part of all messages (of the period), 0 to 1, to four decimals (set by the report).
        public internal(set) var share: Double = 0
        /// Threads whose first message came from this organization.
        public var threadsStarted: Int
        /// Threads it replied in (any reply of its, whoever started the thread).
        public var threadsJoined: Int
        /// Its replies to another organization's messages (or to unaffiliated ones), and other
        /// organizations' replies to its messages.
        public var repliesGiven: Int
        public var repliesReceived: Int
        /// For the threads it started: the median time until another person first answered, in
        /// seconds (nil when none was answered), and how many no other person answered.
        public var medianFirstReplySeconds: Int?
        public var unanswered: Int
        public var firstMessage: String?
        public var lastMessage: String?

        public init(period: String? = nil, organization: String?, messages: Int, words: Int = 0, people: Int, threadsStarted: Int,
                    threadsJoined: Int = 0, repliesGiven: Int = 0, repliesReceived: Int = 0, medianFirstReplySeconds: Int? = nil,
                    unanswered: Int = 0, firstMessage: String?, lastMessage: String?) {
            self.period = period
            self.organization = organization
            self.messages = messages
            self.words = words
            self.people = people
            self.threadsStarted = threadsStarted
            self.threadsJoined = threadsJoined
            self.repliesGiven = repliesGiven
            self.repliesReceived = repliesReceived
            self.medianFirstReplySeconds = medianFirstReplySeconds
            self.unanswered = unanswered
            self.firstMessage = firstMessage
            self.lastMessage = lastMessage
        }

        /// The contract's names (docs/json-output.md); the CSV columns are the same.
        enum CodingKeys: String, CodingKey, CaseIterable {
            case period, organization, messages, share, words, people, threadsStarted = "threads_started",
                 threadsJoined = "threads_joined", repliesGiven = "replies_given", repliesReceived = "replies_received",
                 medianFirstReplySeconds = "median_first_reply_seconds", unanswered,
                 firstMessage = "first_message", lastMessage = "last_message"
        }

        /// Every key is written, `null` included (synthesized Codable would leave nil keys out).
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(period, forKey: .period)
            try c.encode(organization, forKey: .organization)
            try c.encode(messages, forKey: .messages)
            try c.encode(share, forKey: .share)
            try c.encode(words, forKey: .words)
            try c.encode(people, forKey: .people)
            try c.encode(threadsStarted, forKey: .threadsStarted)
            try c.encode(threadsJoined, forKey: .threadsJoined)
            try c.encode(repliesGiven, forKey: .repliesGiven)
            try c.encode(repliesReceived, forKey: .repliesReceived)
            try c.encode(medianFirstReplySeconds, forKey: .medianFirstReplySeconds)
            try c.encode(unanswered, forKey: .unanswered)
            try c.encode(firstMessage, forKey: .firstMessage)
            try c.encode(lastMessage, forKey: .lastMessage)
        }

        /// The row's values in ``columns`` order, as CSV cells (empty for null).
        public var cells: [String] {
            [period ?? "", organization ?? "", String(messages), String(share), String(words), String(people), String(threadsStarted),
             String(threadsJoined), String(repliesGiven), String(repliesReceived), medianFirstReplySeconds.map(String.init) ?? "",
             String(unanswered), firstMessage ?? "", lastMessage ?? ""]
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
        let unaffiliated = rows.filter { $0.organization == nil }.reduce(0) { $0 + $1.messages }
        return "coverage: of \(totalMessages.counted("message")) counted, \(Double.share(unaffiliated, of: totalMessages).percent) from no organization "
            + "(webmail, ISPs, personal domains, unknown senders), \(Double.share(rewritten, of: totalMessages).percent) whose From the list rewrote (DMARC, undone)"
    }

    /// The report over `rows`; each row's ``Row/share`` is its messages over `totalMessages`, or
    /// over its period's messages when rows have periods.
    public init(rows: [Row], totalMessages: Int, leftOut: LeftOut = LeftOut(), rewritten: Int = 0) {
        self.leftOut = leftOut
        self.rewritten = rewritten
        var perPeriod: [String: Int] = [:]
        for r in rows { if let p = r.period { perPeriod[p, default: 0] += r.messages } }
        self.rows = rows.map { row in
            var r = row
            let total = row.period.flatMap { perPeriod[$0] } ?? totalMessages
            r.share = total > 0 ? (Double(row.messages) / Double(total) * 10_000).rounded() / 10_000 : 0
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
