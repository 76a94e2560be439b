/// What a threading run changes: only the rows whose values differ from what is stored.
public struct ThreadingChanges: Sendable, Equatable {
    /// One thread as stored: its key (the root's Message-ID, or the ghost id its roots reference).
    public struct Thread: Sendable, Equatable {
        public var key: String
        public var rootKey: Int64
        public var subject: String
        public var messageCount: Int
        public var firstDate: Int64?
        public var lastDate: Int64?

        public init(key: String, rootKey: Int64, subject: String, messageCount: Int, firstDate: Int64?, lastDate: Int64?) {
            self.key = key
            self.rootKey = rootKey
            self.subject = subject
            self.messageCount = messageCount
            self.firstDate = firstDate
            self.lastDate = lastDate
        }
    }

    /// A message's new link: its parent, how it was found and how sure that is, and its thread.
    public struct Link: Sendable, Equatable {
        public var messageKey: Int64
        public var parentKey: Int64?
        public var method: String?
        public var confidence: Double?
        public var threadKey: String

        public init(messageKey: Int64, parentKey: Int64?, method: String?, confidence: Double?, threadKey: String) {
            self.messageKey = messageKey
            self.parentKey = parentKey
            self.method = method
            self.confidence = confidence
            self.threadKey = threadKey
        }
    }

    /// Threads to insert or update, in the order new ones are to be created (oldest first).
    public var upsertedThreads: [Thread] = []
    public var links: [Link] = []
    /// Keys of stored threads that no message belongs to any more.
    public var removedThreads: [String] = []

    public init(upsertedThreads: [Thread] = [], links: [Link] = [], removedThreads: [String] = []) {
        self.upsertedThreads = upsertedThreads
        self.links = links
        self.removedThreads = removedThreads
    }

    public var isEmpty: Bool { upsertedThreads.isEmpty && links.isEmpty && removedThreads.isEmpty }
}
