import ListLensAnalysis

/// A store that finds replies' parents from quoted text, for the threading pass: it answers which
/// stored messages share sampled shingles with the pending ones' quotes (and which stored replies
/// quote a pending message), and keeps the links chosen.
public protocol QuoteLinkStore: Sendable {
    /// The replies whose quote links can change: the pending messages (no thread holds them), and
    /// the stored messages whose depth-1 quote shares sampled shingles with a pending message's own
    /// text; with, for each, every stored message whose own text shares sampled shingles with its
    /// quote. Shingles held by more than `maxHolders` messages (common phrases) count for nothing.
    /// With `all`, every stored message is a child (a first run, a new pass version). With
    /// `headerParentedAsKnown`, a child whose In-Reply-To or References name a stored message gets no
    /// overlaps (the headers give its parent, and a quote link would never be used), though it is still
    /// among the children whose links are replaced.
    func pendingQuoteOverlaps(all: Bool, maxHolders: Int, headerParentedAsKnown: Bool) throws -> (children: [Int64], overlaps: [QuoteParentChooser.Overlap])
    /// Puts the shingles of messages written since the last call into the indexes the lookups read
    /// (a writer appends each message's shingles in message order; the indexes are in hash order, and
    /// are written sorted, once). Returns how many messages it indexed. Both passes call it first.
    func indexPendingShingles() throws -> Int
    /// Replaces the stored quote links of every message in `children` by the ones in `choices`.
    func storeQuoteLinks(_ choices: [QuoteParentChooser.Choice], children: [Int64]) throws
}
