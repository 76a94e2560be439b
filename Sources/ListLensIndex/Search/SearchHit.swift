import GRDB

/// One search hit.
public struct SearchHit: Codable, Sendable, Equatable {
    public var message_id: String
    public var date: String?
    public var from: ExportedMessage.Person
    public var subject: String
    public var snippet: String
    public var thread_id: String?
    /// bm25 rank (lower is better); nil for queries with no free text (sorted newest first).
    public var rank: Double?
}
