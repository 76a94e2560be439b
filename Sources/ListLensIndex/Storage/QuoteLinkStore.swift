import ListLensAnalysis

/// A store that finds replies' parents from quoted text, for the threading pass: it says which
/// replies' quote links can change, gives their quotes, and keeps the links chosen. The quotes are
/// looked up among the stored own texts by ``OwnTextSweep``.
public protocol QuoteLinkStore: OwnTextStore {
    /// The replies whose quote links can change: the pending messages (no thread holds them) and the
    /// stored messages sent from `before` seconds before to `after` seconds after one of them (for an
    /// undated one: every undated message), whose quotes may hold what a pending message says. With
    /// `all`, every stored message (a first run, a new pass version). In key order.
    func quoteLinkChildren(all: Bool, before: Int64, after: Int64) throws -> [Int64]
    /// Those of `keys` to look a parent up for, with their texts: with `headerParentedAsKnown`, not
    /// those whose In-Reply-To or References name a stored message (the headers give their parent,
    /// and a quote link would never be used).
    func quoteProbes(_ keys: [Int64], headerParentedAsKnown: Bool) throws -> [QuoteProbe]
    /// For the replies `keys`, the stored messages their attribution line names: sent by the sender
    /// it gives, at the time it gives (on some time zone's clock). `shared` is 0 in each.
    func attributionOverlaps(_ keys: [Int64]) throws -> [QuoteParentChooser.Overlap]
    /// Replaces the stored quote links of every message in `children` by the ones in `choices`.
    func storeQuoteLinks(_ choices: [QuoteParentChooser.Choice], children: [Int64]) throws
}
