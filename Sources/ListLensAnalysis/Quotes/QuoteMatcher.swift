/// Where a quoted passage comes from: how much of it a candidate message's own words hold.
///
/// A quote at depth 1 of a reply holds words its parent wrote; at depth 2, words of the message the
/// parent quoted. So a quote is compared with a candidate's own text (its depth-0 authored lines and
/// signature), never with what the candidate quoted: the message whose own text holds a quote is
/// the one whose author said it.
public enum QuoteMatcher {
    /// Share of a quote's shingles a source must hold to be where it came from.
    public static let minimumContainment = 0.5
    /// Quotes with fewer words are not attributed (`> Yes.`): too little to tell sources apart.
    public static let minimumWords = 3

    /// A candidate's own words, ready to be compared with quotes: its shingles in a set, its words
    /// as they come (only a quote shorter than one shingle, at most four words, looks them up).
    public struct Source: Sendable {
        let shingles: ShingleSet
        let words: [UInt64]

        public init(ownText: String) {
            words = Shingles.words(ownText)
            shingles = ShingleSet(Shingles.all(words))
        }
    }

    /// The text a message's later readers may quote: its depth-0 authored and signature segments.
    public static func ownText(_ segments: [BodySegment]) -> String {
        segments.filter { $0.depth == 0 && ($0.kind == .authored || $0.kind == .signature) }.map(\.text).joined(separator: "\n")
    }

    /// The text a message quotes from its parent: its depth-1 quoted segments.
    public static func parentQuote(_ segments: [BodySegment]) -> String {
        segments.filter { $0.depth == 1 && $0.kind == .quoted }.map(\.text).joined(separator: "\n")
    }

    /// A quoted passage ready to be compared with sources: its words and shingles, computed once
    /// however many candidates it is compared with.
    public struct Quote: Sendable {
        let words: [UInt64]
        let shingles: [UInt64]

        public init(_ text: String) {
            words = Shingles.words(text)
            shingles = Shingles.all(words)
        }

        /// True when it has ``QuoteMatcher/minimumWords`` words or more: enough to tell sources apart.
        public var isLongEnough: Bool { words.count >= QuoteMatcher.minimumWords }
    }

    /// The share (0 to 1) of the quote's shingles found in `source`; for a quote shorter than one
    /// shingle, of its words. Nil when the quote has fewer than ``minimumWords`` words.
    public static func containment(of quote: String, in source: Source) -> Double? {
        containment(of: Quote(quote), in: source)
    }

    public static func containment(of quote: Quote, in source: Source) -> Double? {
        guard quote.isLongEnough else { return nil }
        if quote.shingles.isEmpty {
            let held = quote.words.reduce(0) { $0 + (source.words.contains($1) ? 1 : 0) }
            return Double(held) / Double(quote.words.count)
        }
        let held = quote.shingles.reduce(0) { $0 + (source.shingles.contains($1) ? 1 : 0) }
        return Double(held) / Double(quote.shingles.count)
    }
}
