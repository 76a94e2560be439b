import ListLensMail

/// A stored message as segmentation reads it, with the authored and quoted texts stored for it.
public struct StoredSegmentation: Sendable, Equatable {
    public var key: Int64
    public var text: String
    public var senderName: String?
    public var marks: [TextMark]
    public var authoredText: String
    public var quotedText: String

    public init(key: Int64, text: String, senderName: String?, marks: [TextMark], authoredText: String, quotedText: String) {
        self.key = key
        self.text = text
        self.senderName = senderName
        self.marks = marks
        self.authoredText = authoredText
        self.quotedText = quotedText
    }
}
