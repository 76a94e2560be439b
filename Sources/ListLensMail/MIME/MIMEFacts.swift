/// What a message's MIME parts hold that a reader asks for (`has:html`, `has:attachment`), as bits
/// a store keeps.
public struct MIMEFacts: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// A `text/html` part, anywhere in the tree (inside an attached message too).
    public static let html = MIMEFacts(rawValue: 1)
    /// A part that is no multipart and is an attachment: `Content-Disposition: attachment`, or a
    /// file name (Content-Disposition's `filename`, Content-Type's `name`), as Python's
    /// `get_filename()` finds one.
    public static let attachment = MIMEFacts(rawValue: 2)

    /// The facts of a parsed tree.
    public init(_ tree: MIMETree) {
        var facts: MIMEFacts = []
        for part in tree.parts {
            if part.contentType.value == "text/html" { facts.insert(.html) }
            if !part.contentType.isMultipart, part.disposition == "attachment" || part.filename != nil {
                facts.insert(.attachment)
            }
        }
        self = facts
    }
}
