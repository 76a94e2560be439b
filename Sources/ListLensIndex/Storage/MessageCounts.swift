/// What writing a batch did: every message counted once, as imported, duplicate or quarantined.
public struct MessageCounts: Sendable, Equatable {
    public var imported = 0
    public var duplicates = 0
    public var quarantined = 0
    /// Imported messages with at least one defect other than the archive's routine address obfuscation.
    public var withDefects = 0

    public init(imported: Int = 0, duplicates: Int = 0, quarantined: Int = 0, withDefects: Int = 0) {
        self.imported = imported
        self.duplicates = duplicates
        self.quarantined = quarantined
        self.withDefects = withDefects
    }

    public static func += (lhs: inout MessageCounts, rhs: MessageCounts) {
        lhs.imported += rhs.imported
        lhs.duplicates += rhs.duplicates
        lhs.quarantined += rhs.quarantined
        lhs.withDefects += rhs.withDefects
    }
}
