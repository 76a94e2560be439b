/// A parsed message: the fields ListLens indexes, the decoded text a reader sees, and its defects.
public struct Message: Sendable {
    /// The Message-ID without `<>`; synthetic (``messageIDIsSynthetic``) when the message had none.
    public var messageID: String
    public var messageIDIsSynthetic: Bool
    public var from: Mailbox?
    public var to: [Mailbox]
    public var cc: [Mailbox]
    public var date: MailDate?
    /// Where ``date`` came from.
    public var dateSource: DateSource
    public var subject: String
    public var inReplyTo: [String]
    public var references: [String]
    /// The `List-Id` header's id, when present (`<twisted-python.twistedmatrix.com>` → `twisted-python.twistedmatrix.com`).
    public var listID: String?
    /// The `List-Post` header's address, when it has one (`<mailto:twisted-python@twistedmatrix.com>`
    /// → `twisted-python@twistedmatrix.com`; `NO` gives nil).
    public var listPost: String? = nil
    /// Outlook's `Thread-Index`: the conversation and the reply's place in it (``ThreadIndex``).
    public var threadIndex: ThreadIndex? = nil
    /// Gmail's conversation id (`X-GM-THRID`, as Google Takeout and Groups exports write it): the
    /// decimal number, shared by every message of one Gmail conversation.
    public var gmailThreadID: String? = nil
    /// The decoded body text a reader sees: text/plain preferred, HTML converted, attachments left out.
    public var text: String
    /// What an HTML body's markup said of lines of ``text`` (attribution, header block and signature
    /// elements, cited Message-IDs); empty for plain text. Quote segmentation reads them.
    public var textMarks: [TextMark] = []
    public var headers: HeaderBlock
    public var mime: MIMETree
    /// Indices into `mime.parts` of the parts whose text makes up ``text``.
    public var textParts: [Int]
    public var defects: [MailDefect]

    public enum DateSource: String, Sendable, Codable {
        case header
        /// The mbox separator line's date, used because the Date header was missing or broken.
        case envelope
        /// The earliest Received header's date, used when there was no Date and no mbox separator date.
        case received
        /// Given on the command line (`listlens import --date`) for a message without one.
        case given
        case none
    }
}
