import ListLensAnalysis

/// A thread's topics as ``TopicPass`` found them, before its key phrases are chosen.
public struct ThreadTopics: Sendable, Equatable {
    public struct Tag: Sendable, Equatable {
        /// Folded: `nova`.
        public var name: String
        /// As first written: `Nova`.
        public var label: String
        /// Messages of the thread whose subject carries it.
        public var messages: Int

        public init(name: String, label: String, messages: Int) {
            self.name = name
            self.label = label
            self.messages = messages
        }
    }
    public var thread: Int64
    public var tags: [Tag]
    public var candidates: [KeyPhrases.Candidate]

    public init(thread: Int64, tags: [Tag], candidates: [KeyPhrases.Candidate]) {
        self.thread = thread
        self.tags = tags
        self.candidates = candidates
    }
}
