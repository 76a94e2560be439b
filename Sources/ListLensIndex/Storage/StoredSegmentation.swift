import ListLensAnalysis
import ListLensMail

/// A stored message as segmentation reads it, with the authored and quoted texts and the quote
/// layout stored for it (nil: none stored).
public struct StoredSegmentation: Sendable, Equatable {
    public var key: Int64
    public var text: String
    public var senderName: String?
    public var marks: [TextMark]
    public var authoredText: String
    public var quotedText: String
    public var layout: QuoteLayout?
    /// Its depth-0 signature segments' texts (``QuoteLayout/signatureText(of:)``).
    public var signatureText: String?

    public init(key: Int64, text: String, senderName: String?, marks: [TextMark], authoredText: String, quotedText: String,
                layout: QuoteLayout? = nil, signatureText: String? = nil) {
        self.key = key
        self.text = text
        self.senderName = senderName
        self.marks = marks
        self.authoredText = authoredText
        self.quotedText = quotedText
        self.layout = layout
        self.signatureText = signatureText
    }
}
