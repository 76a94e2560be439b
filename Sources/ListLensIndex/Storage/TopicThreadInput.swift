/// A thread as ``TopicPass`` reads it.
public struct TopicThreadInput: Sendable, Equatable {
    public var thread: Int64
    /// The list of its first message, as stored (nil when unknown).
    public var list: String?
    /// Its messages' subjects, oldest first.
    public var subjects: [String]
    /// Its senders' names (their words are not topics).
    public var names: [String]
    /// What its people wrote, oldest first: the root's subject when it is the root's own, then
    /// each message's authored text.
    public var texts: [String]

    public init(thread: Int64, list: String?, subjects: [String], names: [String] = [], texts: [String]) {
        self.thread = thread
        self.list = list
        self.subjects = subjects
        self.names = names
        self.texts = texts
    }
}
