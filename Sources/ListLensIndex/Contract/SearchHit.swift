/// One search hit, as `listlens search --format json` prints it (docs/json-output.md).
public struct SearchHit: Codable, Sendable, Equatable {
    public var messageID: String
    public var date: String?
    public var from: ExportedMessage.Person
    public var subject: String
    public var snippet: String
    public var threadID: String?
    /// bm25 rank (lower is better); nil for queries with no free text (sorted newest first).
    public var rank: Double?

    public init(messageID: String, date: String?, from: ExportedMessage.Person, subject: String, snippet: String,
                threadID: String?, rank: Double?) {
        self.messageID = messageID
        self.date = date
        self.from = from
        self.subject = subject
        self.snippet = snippet
        self.threadID = threadID
        self.rank = rank
    }

    /// The contract's names. Absent values are left out, as `date` and `rank` are for some hits.
    enum CodingKeys: String, CodingKey {
        case messageID = "message_id", date, from, subject, snippet, threadID = "thread_id", rank
    }
}
