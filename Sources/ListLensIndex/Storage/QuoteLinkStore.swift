import ListLensAnalysis

/// A store that finds replies' parents from quoted text, for the threading pass: it answers which
/// stored messages share sampled shingles with the pending ones' quotes (and which stored replies
/// quote a pending message), and keeps the links chosen.
public protocol QuoteLinkStore: Sendable {
    /// The replies whose quote links can change: the pending messages (no thread holds them), and
    /// the stored messages whose depth-1 quote shares sampled shingles with a pending message's own
    /// text; with, for each, every stored message whose own text shares sampled shingles with its
    /// quote. Shingles held by more than `maxHolders` messages (common phrases) count for nothing.
    /// With `all`, every stored message is a child (a first run, a new pass version).
    func pendingQuoteOverlaps(all: Bool, maxHolders: Int) throws -> (children: [Int64], overlaps: [QuoteParentChooser.Overlap])
    /// Replaces the stored quote links of every message in `children` by the ones in `choices`.
    func storeQuoteLinks(_ choices: [QuoteParentChooser.Choice], children: [Int64]) throws
}
