/// A thread as ``TopicPass`` reads it.
public struct TopicThreadInput: Sendable, Equatable {
    /// A message's subject and the list it came through, as stored (nil when unknown): a tag that
    /// names that list is the list's, not a topic, whichever list the thread started on.
    public struct Subject: Sendable, Equatable {
        public var subject: String
        public var list: String?
        public init(_ subject: String, list: String?) {
            self.subject = subject
            self.list = list
        }
    }

    public var thread: Int64
    /// Its messages' subjects, oldest first.
    public var subjects: [Subject]
    /// Its senders' names (their words are not topics).
    public var names: [String]
    /// What its people wrote, oldest first: the root's subject when it is the root's own, then
    /// each message's authored text.
    public var texts: [String]

    public init(thread: Int64, subjects: [Subject], names: [String] = [], texts: [String]) {
        self.thread = thread
        self.subjects = subjects
        self.names = names
        self.texts = texts
    }
}
