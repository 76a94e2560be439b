/// A reply whose parent the threading pass looks for in its quoted text (``QuoteLinkStore``): its
/// date and list, what its attribution line says, and its texts.
public struct QuoteProbe: Sendable {
    public var key: Int64
    /// Epoch seconds.
    public var date: Int64?
    public var listID: Int64?
    /// The sender and the date its attribution line gives, as stored (`quote_address`, `quote_name`
    /// lowercased; `quote_minute`, `quote_zoned`, `quote_second` as in ``QuoteParentChooser/Overlap``).
    public var quoteAddress: String?
    public var quoteName: String?
    public var quoteMinute: Int64?
    public var quoteZoned: Bool
    public var quoteSecond: Int64?
    /// Its texts, from which its depth-1 quote is cut.
    public var message: QuoteAttributionInput.Message

    public init(key: Int64, date: Int64?, listID: Int64?, quoteAddress: String?, quoteName: String?, quoteMinute: Int64?,
                quoteZoned: Bool, quoteSecond: Int64?, message: QuoteAttributionInput.Message) {
        self.key = key
        self.date = date
        self.listID = listID
        self.quoteAddress = quoteAddress
        self.quoteName = quoteName
        self.quoteMinute = quoteMinute
        self.quoteZoned = quoteZoned
        self.quoteSecond = quoteSecond
        self.message = message
    }
}
