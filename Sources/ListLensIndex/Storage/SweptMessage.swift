/// A stored message as the quote passes' date-ordered sweep reads it (``OwnTextStore``): who sent
/// it, where it stands, and what it said itself.
public struct SweptMessage: Sendable {
    /// Where the message stands, and its sender as quotes name senders.
    public struct Standing: Sendable, Equatable {
        public var key: Int64
        public var listID: Int64?
        public var threadID: Int64?
        /// From address and display name, lowercased in ASCII (as the stored `quote_address` and
        /// `quote_name` of an attribution line are compared).
        public var fromAddress: String?
        public var fromName: String?

        public init(key: Int64, listID: Int64?, threadID: Int64?, fromAddress: String?, fromName: String?) {
            self.key = key
            self.listID = listID
            self.threadID = threadID
            self.fromAddress = fromAddress
            self.fromName = fromName
        }
    }

    public var standing: Standing
    /// Epoch seconds; nil for an undated message.
    public var date: Int64?
    /// Its texts, from which its own text (``QuoteAttributionInput/Message/ownText``) is cut.
    public var message: QuoteAttributionInput.Message

    public init(standing: Standing, date: Int64?, message: QuoteAttributionInput.Message) {
        self.standing = standing
        self.date = date
        self.message = message
    }
}
