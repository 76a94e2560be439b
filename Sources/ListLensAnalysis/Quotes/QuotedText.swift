import ListLensText

/// The authored and quoted text of a body, as the export contract and search use them.
public struct QuotedText: Sendable, Equatable {
    /// Everything the sender wrote: authored segments, in order, separated by blank lines.
    public let authored: String
    /// Everything they quoted, `>` prefixes removed, in order, separated by blank lines.
    public let quoted: String
    /// The words of `authored` (``WordCount``), counted where messages are analysed on every core,
    /// not by the store's one writer.
    public let authoredWords: Int

    public init(segments: [BodySegment]) {
        authored = segments.filter { $0.kind == .authored }.map(\.text).joined(separator: "\n\n")
        quoted = segments.filter { $0.kind == .quoted }.map(\.text).joined(separator: "\n\n")
        authoredWords = WordCount.of(authored)
    }
}
