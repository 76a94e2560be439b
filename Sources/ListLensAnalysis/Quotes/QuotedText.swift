/// The authored and quoted text of a body, as the export contract and search use them.
public struct QuotedText: Sendable, Equatable {
    /// Everything the sender wrote: authored segments, in order, separated by blank lines.
    public var authored: String
    /// Everything they quoted, `>` prefixes removed, in order, separated by blank lines.
    public var quoted: String

    public init(segments: [BodySegment]) {
        authored = segments.filter { $0.kind == .authored }.map(\.text).joined(separator: "\n\n")
        quoted = segments.filter { $0.kind == .quoted }.map(\.text).joined(separator: "\n\n")
    }
}
