/// What writing a batch did: every message counted once, as imported, duplicate, replaced or quarantined.
public struct MessageCounts: Sendable, Equatable {
    public var imported = 0
    public var duplicates = 0
    public var quarantined = 0
    /// Messages that took the place of their stored copy (`import --replace`).
    public var replaced = 0
    /// Imported messages with at least one defect other than the archive's routine address obfuscation.
    public var withDefects = 0
    /// Of the imported: messages that reuse the Message-ID of a different stored message (kept, with a defect).
    public var imposters = 0
    /// Of the duplicates: copies with a Message-ID that gave it to their copy stored without one.
    public var identified = 0
    /// Of the duplicates: messages a given value (`--from`, `--date`, `--subject`) would have filled,
    /// skipped because they were already stored, so the value was not applied.
    public var givenValuesNotApplied = 0
    /// Of the imported and replaced: messages whose From their list had rewritten (DMARC), counted
    /// for the author found elsewhere in them (``RewrittenSender``).
    public var rewritten = 0

    public init(imported: Int = 0, duplicates: Int = 0, quarantined: Int = 0, replaced: Int = 0, withDefects: Int = 0,
                imposters: Int = 0, identified: Int = 0, givenValuesNotApplied: Int = 0) {
        self.imported = imported
        self.duplicates = duplicates
        self.quarantined = quarantined
        self.replaced = replaced
        self.withDefects = withDefects
        self.imposters = imposters
        self.identified = identified
        self.givenValuesNotApplied = givenValuesNotApplied
    }

    public static func += (lhs: inout MessageCounts, rhs: MessageCounts) {
        lhs.imported += rhs.imported
        lhs.duplicates += rhs.duplicates
        lhs.quarantined += rhs.quarantined
        lhs.replaced += rhs.replaced
        lhs.withDefects += rhs.withDefects
        lhs.imposters += rhs.imposters
        lhs.identified += rhs.identified
        lhs.givenValuesNotApplied += rhs.givenValuesNotApplied
        lhs.rewritten += rhs.rewritten
    }
}
