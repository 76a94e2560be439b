import ListLensAnalysis
import ListLensMail

/// A parsed message with everything analysis adds, ready to be written or shown.
public struct AnalyzedMessage: Sendable {
    public var raw: RawMessage
    public var message: Message
    public var segments: [BodySegment]
    public var quoted: QuotedText
    public var tags: [String]
    public var normalizedSubject: String
    public var participantKey: String?
    public var organization: String?
    /// Why the message goes to quarantine instead of the index, if it does.
    public var quarantineReason: String?

    /// Parses and analyses one raw message. Pure: no I/O, safe on any thread.
    public static func make(_ raw: RawMessage, parser: MessageParser, organizations: OrganizationResolver,
                            defaults: MessageDefaults = MessageDefaults()) -> AnalyzedMessage {
        var message = parser.parse(raw)
        defaults.fill(&message)
        let segments = QuoteSegmenter.segments(of: message.text)
        let address = message.from?.address
        var reason: String? = nil
        if raw.oversized {
            reason = "message larger than the \(ArchiveLimits().maxMessageBytes >> 20) MiB limit"
        } else if message.headers.fields.isEmpty || raw.origin == .bareHTML, message.text.allSatisfy(\.isWhitespace) {
            reason = "no headers and no text: not a message"
        }
        return AnalyzedMessage(
            raw: raw, message: message, segments: segments, quoted: QuotedText(segments: segments),
            tags: Subject.tags(message.subject), normalizedSubject: Subject.normalized(message.subject),
            participantKey: address.map(Identity.participantKey(address:)),
            organization: address.flatMap(organizations.organization(forAddress:)),
            quarantineReason: reason)
    }
}
