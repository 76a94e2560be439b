/// A store the quote attribution pass reads messages and their ancestors from, and writes, per
/// quoted segment, the message it quotes.
public protocol QuoteAttributionStore: OwnTextStore {
    /// Up to `limit` published messages with keys above `after` whose quotes wait to be attributed
    /// (new, replaced, re-linked, or attributed by an older pass version), in key order, each with its
    /// ancestors' keys, parent first, up to `depth`. Messages that quote nothing never wait.
    func pendingQuoteAttribution(version: Int, after: Int64, limit: Int, depth: Int) throws -> [QuoteAttributionInput]
    /// The stored, published messages with these Message-IDs (an imposter's id names the first
    /// message that had it), by id: what an HTML quote's `cite="mid:…"` names.
    func messageKeys(forMessageIDs ids: [String]) throws -> [String: Int64]
    /// Replaces the quote sources of each message in `results` and marks it attributed by `version`.
    func storeQuoteSources(_ results: [QuoteAttributionResult], version: Int) throws
}
