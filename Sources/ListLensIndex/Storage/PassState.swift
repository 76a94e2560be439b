/// What an archive-wide pass saw when it last ran: its version and the store's message watermark.
public struct PassState: Sendable, Equatable {
    /// Message count and the largest message key: both change whenever messages are added or removed.
    public struct Watermark: Sendable, Equatable {
        public var messageCount: Int
        public var lastMessageKey: Int64
        public init(messageCount: Int, lastMessageKey: Int64) {
            self.messageCount = messageCount
            self.lastMessageKey = lastMessageKey
        }
    }

    public var name: String
    /// Bumped when the pass's algorithm changes, so stores written by an older one are redone.
    public var version: Int
    public var watermark: Watermark

    public init(name: String, version: Int, watermark: Watermark) {
        self.name = name
        self.version = version
        self.watermark = watermark
    }
}
