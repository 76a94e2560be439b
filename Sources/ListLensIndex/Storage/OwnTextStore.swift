/// A store the quote passes sweep in date order: each message's own text, to look quotes up among
/// the messages sent shortly before them (``OwnTextSweep``).
public protocol OwnTextStore: Sendable {
    /// Up to `limit` stored messages sent within `dates` (nil: the undated ones), in date then key
    /// order, after `cursor` (the last message of the previous page; nil: from the first).
    func ownTexts(sent dates: ClosedRange<Int64>?, after cursor: SweptMessage?, limit: Int) throws -> [SweptMessage]
    /// The stored messages with these keys (those that exist), in no particular order.
    func ownTextMessages(_ keys: [Int64]) throws -> [QuoteAttributionInput.Message]
}
