/// What an archive-wide pass saw when it last ran: its version and the store's message watermark.
public struct PassState: Sendable, Equatable {
    /// Message count, the largest message key, and the messages no thread holds yet: a pass that
    /// ran leaves none pending, and adding, replacing or removing messages changes one of the three.
    public struct Watermark: Sendable, Equatable {
        public var messageCount: Int
        public var lastMessageKey: Int64
        /// Messages waiting for the pass: new ones, and those a replace or removal took out of their thread.
        public var pending: Int
        public init(messageCount: Int, lastMessageKey: Int64, pending: Int = 0) {
            self.messageCount = messageCount
            self.lastMessageKey = lastMessageKey
            self.pending = pending
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
