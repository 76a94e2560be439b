/// One search hit, as `listlens search --format json` prints it (docs/json-output.md).
public struct SearchHit: Codable, Sendable, Equatable {
    public var messageID: String
    public var date: String?
    public var from: ExportedMessage.Person
    public var subject: String
    public var snippet: String
    public var threadID: String?
    /// The message's list.
    public var list: String?
    /// The sender's organization at the message's date; nil when unaffiliated.
    public var organization: String?
    /// bm25 rank (lower is better); nil for queries with no free text (sorted newest first).
    public var rank: Double?

    public init(messageID: String, date: String?, from: ExportedMessage.Person, subject: String, snippet: String,
                threadID: String?, list: String? = nil, organization: String? = nil, rank: Double?) {
        self.messageID = messageID
        self.date = date
        self.from = from
        self.subject = subject
        self.snippet = snippet
        self.threadID = threadID
        self.list = list
        self.organization = organization
        self.rank = rank
    }

    /// The contract's names (docs/json-output.md).
    enum CodingKeys: String, CodingKey {
        case messageID = "message_id", date, from, subject, snippet, threadID = "thread_id", list, organization, rank
    }

    /// Every key is written, `null` included (synthesized Codable would leave nil keys out).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(messageID, forKey: .messageID)
        try c.encode(date, forKey: .date)
        try c.encode(from, forKey: .from)
        try c.encode(subject, forKey: .subject)
        try c.encode(snippet, forKey: .snippet)
        try c.encode(threadID, forKey: .threadID)
        try c.encode(list, forKey: .list)
        try c.encode(organization, forKey: .organization)
        try c.encode(rank, forKey: .rank)
    }
}
