/// A store the quote attribution pass reads messages and their ancestors from, and writes, per
/// quoted segment, the message it quotes.
public protocol QuoteAttributionStore: Sendable {
    /// Up to `limit` published messages with keys above `after` whose quotes wait to be attributed
    /// (new, replaced, re-linked, or attributed by an older pass version), in key order, each with its
    /// ancestors, parent first, up to `depth`. Messages that quote nothing never wait.
    func pendingQuoteAttribution(version: Int, after: Int64, limit: Int, depth: Int) throws -> [QuoteAttributionInput]
    /// Messages outside the thread `excluding` is in, sent before `before` (give or take a day), whose
    /// own text shares the most of `shingles`, best first. (Within its thread, a quote's source is
    /// among its ancestors, which the pass has already compared.)
    func messagesSharing(_ shingles: [Int64], excluding: Int64, before: Int64?, limit: Int) throws -> [QuoteAttributionInput.Message]
    /// The stored, published messages with these Message-IDs (an imposter's id names the first
    /// message that had it), by id: what an HTML quote's `cite="mid:…"` names.
    func messageKeys(forMessageIDs ids: [String]) throws -> [String: Int64]
    /// Replaces the quote sources of each message in `results` and marks it attributed by `version`.
    func storeQuoteSources(_ results: [QuoteAttributionResult], version: Int) throws
}
