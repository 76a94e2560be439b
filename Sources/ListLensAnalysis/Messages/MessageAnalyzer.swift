import ListLensMail

/// Per-message analysis: parse, fill what the caller supplies for gaps, segment the body, read the
/// subject's tags, key the sender and their organization. Pure: values in, a value out, no I/O;
/// one analyzer is shared by every core of an import.
///
/// ```swift
/// let analyzer = MessageAnalyzer(organizations: OrganizationResolver(suffixes: .builtin))
/// let analyzed = analyzer.analyze(raw)   // raw: a RawMessage from ArchiveReader
/// ```
public struct MessageAnalyzer: Sendable {
    public var parser: MessageParser
    public var organizations: OrganizationResolver
    public var defaults: MessageDefaults
    /// Segment quotes, fingerprint them and read their attributions. Off, every body is one authored
    /// segment with nothing to match: only to measure what the quote step costs (scripts/benchmark_quotes.py).
    public var analyzesQuotes: Bool

    public init(parser: MessageParser = MessageParser(), organizations: OrganizationResolver,
                defaults: MessageDefaults = MessageDefaults(), analyzesQuotes: Bool = true) {
        self.parser = parser
        self.organizations = organizations
        self.defaults = defaults
        self.analyzesQuotes = analyzesQuotes
    }

    /// Parses and analyses one raw message. Safe on any thread.
    public func analyze(_ raw: RawMessage) -> AnalyzedMessage {
        var a = analyzeWithoutQuotes(raw)
        if analyzesQuotes { analyzeQuotes(of: &a) }
        return a
    }

    /// Everything but the quote step: the body is one authored segment. What deduplication needs
    /// (the content key, the quarantine reason) is here, so a caller that learns from it that the
    /// message is a copy it will skip can leave out ``analyzeQuotes(of:)``, the costly part.
    public func analyzeWithoutQuotes(_ raw: RawMessage) -> AnalyzedMessage {
        var message = parser.parse(raw)
        let usesGivenValues = defaults.fill(&message)
        let segments = [BodySegment(kind: .authored, depth: 0, text: message.text)]
        let address = message.from?.address
        var reason: String? = nil
        if raw.oversized {
            reason = "message larger than the \(ArchiveLimits().maxMessageBytes >> 20) MiB limit"
        } else if raw.truncated {
            reason = "the archive ends inside this message (truncated file)"
        } else if message.headers.fields.isEmpty || raw.origin == .bareHTML || raw.origin == .bareText, message.text.allSatisfy(\.isWhitespace) {
            reason = "no headers and no text: not a message"
        }
        let normalizedSubject = Subject.normalized(message.subject)
        return AnalyzedMessage(
            raw: raw, message: message, segments: segments, quoted: QuotedText(segments: segments),
            tags: Subject.tags(message.subject), normalizedSubject: normalizedSubject,
            participantKey: address.map(Identity.participantKey(address:)),
            organization: address.flatMap(organizations.organization(forAddress:)),
            contentKey: ContentKey.of(fromAddress: address, normalizedSubject: normalizedSubject, text: message.text),
            quoteAttribution: nil, quoteClock: nil, quoteLayout: nil,
            usesGivenValues: usesGivenValues, quarantineReason: reason)
    }

    /// Undoes the list's DMARC rewrite of From (``RewrittenSender``): the message then counts for
    /// its author. With only a name left (a pipermail month keeps no other header), the participant
    /// is the list's address and that name (``Identity/rewrittenKey(listAddress:name:)``), for the
    /// identity pass to join to the person who writes under it. `listName` is the list the message
    /// goes into.
    public func undoRewrite(of a: inout AnalyzedMessage, listName: String?) {
        guard let author = RewrittenSender.author(of: a.message, raw: a.raw.bytes, listName: listName) else { return }
        a.author = author
        if let address = author.address {
            a.participantKey = Identity.participantKey(address: address)
            a.organization = organizations.organization(forAddress: address)
        } else if let list = a.message.from?.address, let name = author.name {
            a.participantKey = Identity.rewrittenKey(listAddress: list, name: name)
            a.organization = nil
        }
    }

    /// The quote step of ``analyze(_:)``: segments, their layout, the first quote's attribution.
    /// `footer` is the one learned for the message's list, if any.
    public func analyzeQuotes(of a: inout AnalyzedMessage, footer: ListFooter? = nil) {
        let segmentation = QuoteSegmenter.segment(a.message.text, senderName: a.message.from?.name, marks: a.message.textMarks, footer: footer)
        if segmentation.quoteDepthLimited { a.message.defects.append(.quoteTooDeep) }
        let segments = segmentation.segments
        a.segments = segments
        a.quoted = QuotedText(segments: segments)
        a.quoteAttribution = segments.first { $0.kind == .quoted && $0.depth == 1 && $0.attribution?.from != nil }?.attribution
        a.quoteClock = a.quoteAttribution?.clock
        a.quoteLayout = QuoteLayout(segments: segments)
    }
}
