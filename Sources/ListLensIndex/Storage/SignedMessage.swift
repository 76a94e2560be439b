/// A message's signature, the end of its own text and its sender, as ``AffiliationEvidenceStore/signedMessagesWithoutOrganization(_:)`` reads it.
public struct SignedMessage: Sendable, Equatable {
    public var person: Int64
    public var address: String
    /// Epoch seconds.
    public var date: Int64
    /// The signature segments' text (empty when none was marked).
    public var signature: String
    /// The end of the sender's own text (its last few hundred characters), for a sign-off no rule marked.
    public var closing: String
    /// The sender's name (the person's, else the message's display name).
    public var name: String?

    public init(person: Int64, address: String, date: Int64, signature: String, closing: String = "", name: String? = nil) {
        self.person = person
        self.address = address
        self.date = date
        self.signature = signature
        self.closing = closing
        self.name = name
    }
}
