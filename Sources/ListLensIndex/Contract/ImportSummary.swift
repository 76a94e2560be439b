/// What one import did. Every message read is counted once: imported, duplicate, replaced or quarantined.
public struct ImportSummary: Sendable, Codable, Equatable {
    public var imported = 0
    public var duplicates = 0
    public var quarantined = 0
    /// Messages that took the place of their stored copy (`import --replace`).
    public var replaced = 0
    /// Of the imported: messages reusing the Message-ID of a different message, kept with the defect `reused-message-id`.
    public var imposters = 0
    /// Of the duplicates: copies with a Message-ID that gave it to their copy stored without one.
    public var identified = 0
    /// Of the duplicates: messages that `--from`, `--date` or `--subject` would have filled, not
    /// applied because the message was already stored (`--replace` applies them).
    public var givenValuesNotApplied = 0
    /// Messages stored by this import whose From their list had rewritten (DMARC), counted for their author.
    public var rewritten = 0
    /// Imported messages with at least one defect other than the archive's routine address obfuscation.
    public var withDefects = 0
    /// Archive files read.
    public var files = 0
    /// Files inside given directories (or zip members) that are not mail archives (an index.html, a README), left alone.
    public var skippedFiles: [ImportIssue] = []
    /// Files an import read to their end before and that have not changed since: not read again
    /// (``SourceChange``; `import --replace` reads them).
    public var unchangedFiles = 0
    /// Files that only grew since an import read them: read from the last message read before on.
    public var resumedFiles = 0
    /// Compressed files left out because their uncompressed twin (same content) was read instead.
    public var sameContentFiles: [String] = []
    /// HTML index pages read (thread, date, author, subject): they give threading, not messages.
    public var indexPages = 0
    /// pipermail scrubbed-attachment pages: read with the message that links to them, not as messages.
    public var attachmentPages = 0
    /// Files that could not be used, or stopped early, with the reason (file and byte offset named).
    public var failures: [ImportIssue] = []
    /// What the threading pass changed (nil before it ran).
    public var threading: ThreadingPass.Report?
    /// What the quote attribution pass found (nil before it ran).
    public var quotes: QuoteAttributionPass.Report?
    /// What the list footer pass learned and rewrote (nil when the quote step was off).
    public var footers: ListFooterPass.Report?
    /// The senders flagged as not people (nil before the pass ran).
    public var automatedSenders: AutomatedSenderPass.Report?
    /// The threads whose topics were found (nil before the pass ran).
    public var topics: TopicPass.Report?
    /// Messages stored before MIME facts were kept, read again for them (nil before the pass ran).
    public var mimeFacts: MIMEFactsPass.Report?
    /// Messages whose organization changed, persons with dated affiliations, personal domains (nil before the pass ran).
    public var organizations: AffiliationPass.Report?
    /// The persons the store's addresses make, and the joins by rule (nil before the pass ran).
    public var identities: IdentityPass.Report?
    public var seconds: Double = 0
    public var bytes: Int64 = 0

    public var messagesRead: Int { imported + duplicates + replaced + quarantined }


    public init() {}

    /// Takes the message counts (not files or failures) from the writer's running totals.
    mutating func merge(_ counts: MessageCounts) {
        imported = counts.imported
        duplicates = counts.duplicates
        quarantined = counts.quarantined
        replaced = counts.replaced
        withDefects = counts.withDefects
        imposters = counts.imposters
        identified = counts.identified
        givenValuesNotApplied = counts.givenValuesNotApplied
        rewritten = counts.rewritten
    }
    public var messagesPerSecond: Double { seconds > 0 ? Double(messagesRead) / seconds : 0 }
}
