/// A run of body lines with one role, in body order. A body is a list of these.
///
/// Quote structure is nested: a quoted message has an extent (from its attribution or header block
/// to the last line quoted from it), and the text after it returns to the depth it interrupted.
/// Each quoted segment carries the ``Attribution`` of the quote it is in, where the body names one.
public struct BodySegment: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// New text written by the sender.
        case authored
        /// Text quoted from an earlier message (`>` lines, or everything under an Outlook header block).
        case quoted
        /// The line or block introducing a quote: `On … X wrote:`, `-----Original Message-----`, Outlook's `From:/Sent:` block.
        case attribution
        /// The header of a forwarded message: `---------- Forwarded message ---------` and its `From:`/`Date:`/`Subject:` lines.
        case forwarded
        /// The sender's signature: after a `-- ` line, a `Sent from my …` tail, a closing line with their
        /// name, a corporate disclaimer.
        case signature
        /// Text the list server added: Mailman's footer, or the footer learned for the list (``ListFooter``).
        case footer
        /// Notes the archive added: pipermail's `-------------- next part --------------` and what it scrubbed.
        case archiveNote = "archive-note"
        /// A cut in a quote: `[...]`, `[snip]`, `<snip>` alone on a line.
        case elision
    }

    public var kind: Kind
    /// Quote depth: 0 for the sender's own text, 1 for text they quote, 2 for text quoted in that, …
    /// An attribution has the depth of the text it sits in: `On … wrote:` above a `>` quote is 0.
    public var depth: Int
    /// The lines of the segment, joined with newlines; for quoted text, without the `>` prefixes.
    public var text: String
    /// For an attribution or forwarded header: what it says. For quoted text: the attribution of the
    /// quote it is in, when the body has one.
    public var attribution: Attribution?

    public init(kind: Kind, depth: Int, text: String, attribution: Attribution? = nil) {
        self.kind = kind
        self.depth = depth
        self.text = text
        self.attribution = attribution
    }
}
