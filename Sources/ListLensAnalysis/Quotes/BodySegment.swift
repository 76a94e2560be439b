/// A run of body lines with one role, in body order. A body is a list of these.
public struct BodySegment: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// New text written by the sender.
        case authored
        /// Text quoted from an earlier message (`>` lines, or everything under an Outlook header block).
        case quoted
        /// The line introducing a quote: `On … X wrote:`, `-----Original Message-----`, Outlook's `From:/Sent:` block.
        case attribution
        /// The sender's signature, after a `-- ` line.
        case signature
        /// Text the list server added: Mailman's footer, pipermail's scrubbed-attachment notes.
        case footer
    }

    public var kind: Kind
    /// Quote depth: 0 for the sender's own text, 1 for text they quote, 2 for text quoted in that, …
    /// An attribution has the depth of the text it sits in: `On … wrote:` above a `>` quote is 0.
    public var depth: Int
    /// The lines of the segment, joined with newlines; for quoted text, without the `>` prefixes.
    public var text: String

    public init(kind: Kind, depth: Int, text: String) {
        self.kind = kind
        self.depth = depth
        self.text = text
    }
}
