/// What the threading pass reads from a store: a few values per message, never bodies.
public struct ThreadingSnapshot: Sendable {
    public struct Message: Sendable {
        /// The store's key for the message (SQLite's row id).
        public var key: Int64
        public var messageID: String
        /// Epoch seconds.
        public var date: Int64?
        public var subject: String
        /// The first id it references, for its ghost root when none of its parents is stored:
        /// the first of References, else of In-Reply-To.
        public var firstReference: String?
        /// The link stored now (written by the last run).
        public var parentKey: Int64?
        public var parentMethod: String?
        public var parentConfidence: Double?
        public var threadKey: String?
        /// Its Outlook `Thread-Index` (``ThreadIndex/key``), when it has one.
        public var threadIndex: String?
        /// Its Gmail conversation (`X-GM-THRID`), when it has one.
        public var gmailThread: String?
        /// Its list and normalized subject, when its list threads by subject (`import --thread-by-subject`).
        public var subjectGroup: String?

        public init(key: Int64, messageID: String, date: Int64?, subject: String, firstReference: String?,
                    parentKey: Int64?, parentMethod: String?, parentConfidence: Double?, threadKey: String?,
                    threadIndex: String? = nil, gmailThread: String? = nil, subjectGroup: String? = nil) {
            self.key = key
            self.messageID = messageID
            self.date = date
            self.subject = subject
            self.firstReference = firstReference
            self.parentKey = parentKey
            self.parentMethod = parentMethod
            self.parentConfidence = parentConfidence
            self.threadKey = threadKey
            self.threadIndex = threadIndex
            self.gmailThread = gmailThread
            self.subjectGroup = subjectGroup
        }
    }

    /// A reference from one stored message to another stored message, from its headers or its quote.
    public struct Reference: Sendable {
        /// `quote`: the child's quote was found in the parent's own text (``QuoteParentChooser``).
        /// `attribution`: the child's attribution names the parent's sender and date.
        public enum Kind: Sendable { case inReplyTo, references, quote, attribution }
        public var child: Int64
        public var parent: Int64
        public var kind: Kind
        /// Position of the id in its header (0 first); for a quote link, its rank (0 best).
        public var position: Int
        /// 1 for header references; below 1 for quote links.
        public var confidence: Double

        public init(child: Int64, parent: Int64, kind: Kind, position: Int, confidence: Double = 1) {
            self.child = child
            self.parent = parent
            self.kind = kind
            self.position = position
            self.confidence = confidence
        }
    }

    public var messages: [Message]
    public var references: [Reference]
    /// The thread rows stored now.
    public var threads: [ThreadingChanges.Thread]

    public init(messages: [Message], references: [Reference], threads: [ThreadingChanges.Thread]) {
        self.messages = messages
        self.references = references
        self.threads = threads
    }
}
