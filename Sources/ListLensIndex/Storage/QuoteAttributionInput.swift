import ListLensAnalysis
import ListLensMail

/// A message waiting for its quotes to be attributed, with the thread above it (``QuoteAttributionStore``).
public struct QuoteAttributionInput: Sendable {
    public struct Message: Sendable {
        public var key: Int64
        public var text: String
        public var senderName: String?
        /// What its HTML said of its text's lines (``TextMark``), as stored.
        public var marks: [TextMark]
        /// The footer learned for its list, if one was.
        public var footer: ListFooter?
        public init(key: Int64, text: String, senderName: String?, marks: [TextMark] = [], footer: ListFooter? = nil) {
            self.key = key
            self.text = text
            self.senderName = senderName
            self.marks = marks
            self.footer = footer
        }
    }

    public var message: Message
    /// Epoch seconds.
    public var date: Int64?
    /// Parent first, then its parent, …
    public var ancestors: [Message]

    public init(message: Message, date: Int64?, ancestors: [Message]) {
        self.message = message
        self.date = date
        self.ancestors = ancestors
    }
}
