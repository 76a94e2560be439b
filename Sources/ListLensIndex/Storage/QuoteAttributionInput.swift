import ListLensAnalysis
import ListLensMail

/// A message waiting for its quotes to be attributed, with the thread above it (``QuoteAttributionStore``).
public struct QuoteAttributionInput: Sendable {
    public struct Message: Sendable {
        public var key: Int64
        /// The body's text; empty where ``stored`` holds a layout (stores read it only to segment again).
        public var text: String
        public var senderName: String?
        /// What its HTML said of its text's lines (``TextMark``), as stored.
        public var marks: [TextMark]
        /// The footer learned for its list, if one was.
        public var footer: ListFooter?
        /// What the import stored of its segments, when it stored a ``QuoteLayout``: the pass reads its
        /// quotes and own text from these instead of segmenting `text`.
        public var stored: Stored?

        public init(key: Int64, text: String, senderName: String?, marks: [TextMark] = [], footer: ListFooter? = nil, stored: Stored? = nil) {
            self.key = key
            self.text = text
            self.senderName = senderName
            self.marks = marks
            self.footer = footer
            self.stored = stored
        }
    }

    /// A message's stored quote layout with the texts it describes (``QuotedText``, ``QuoteLayout/signatureText(of:)``).
    public struct Stored: Sendable {
        public var layout: QuoteLayout
        public var authoredText: String
        public var quotedText: String
        public var signatureText: String?

        public init(layout: QuoteLayout, authoredText: String, quotedText: String, signatureText: String?) {
            self.layout = layout
            self.authoredText = authoredText
            self.quotedText = quotedText
            self.signatureText = signatureText
        }
    }

    public var message: Message
    /// Epoch seconds.
    public var date: Int64?
    /// The thread holding it: a quote's source looked for elsewhere in the store is outside it.
    public var threadID: Int64?
    /// The keys of its ancestors: parent first, then its parent, … (their texts are read only where
    /// the pass has not read them already, as the message or ancestor of an earlier one).
    public var ancestors: [Int64]

    public init(message: Message, date: Int64?, threadID: Int64? = nil, ancestors: [Int64]) {
        self.message = message
        self.date = date
        self.threadID = threadID
        self.ancestors = ancestors
    }
}
