/// A stored message that an incoming one may be a copy of: what the duplicate rules compare first.
public struct StoredCopy: Sendable, Equatable {
    /// The store's key for the message.
    public var key: Int64
    /// True when the stored message had no Message-ID of its own (its id was made from its bytes).
    public var synthetic: Bool
    /// ``ContentKey`` of the stored message.
    public var contentKey: String

    public init(key: Int64, synthetic: Bool, contentKey: String) {
        self.key = key
        self.synthetic = synthetic
        self.contentKey = contentKey
    }
}
