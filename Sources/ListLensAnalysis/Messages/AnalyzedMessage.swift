import ListLensMail

/// A parsed message with everything per-message analysis adds, ready to be written or shown.
public struct AnalyzedMessage: Sendable {
    public var raw: RawMessage
    public var message: Message
    public var segments: [BodySegment]
    public var quoted: QuotedText
    public var tags: [String]
    public var normalizedSubject: String
    public var participantKey: String?
    /// The author, when the list rewrote From (DMARC) and ``MessageAnalyzer/undoRewrite(of:listName:)``
    /// found them; `participantKey` and `organization` are then theirs.
    public var author: RewrittenSender.Author? = nil
    public var organization: String?
    /// What makes copies of the message one message when no Message-ID says so (``ContentKey``).
    public var contentKey: String
    /// Who the body says its first quote is from (its attribution line or header block), if it says.
    public var quoteAttribution: Attribution?
    /// Its date, read once (``Attribution/clock``).
    public var quoteClock: Attribution.Clock?
    /// Where its quotes are, for the quote attribution pass; nil when the quote step did not run.
    public var quoteLayout: QuoteLayout?
    /// True when a value the caller gave (``MessageDefaults``) filled a gap in this message.
    public var usesGivenValues: Bool
    /// Why the message goes to quarantine instead of the index, if it does.
    public var quarantineReason: String?
}
