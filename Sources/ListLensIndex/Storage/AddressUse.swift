/// One address of a person, as ``AffiliationEvidenceStore/addressUses()`` reads it.
public struct AddressUse: Sendable, Equatable {
    public var person: Int64
    public var personName: String?
    public var address: String
    /// The organization the address's domain gives, or nil.
    public var organization: String?
    public var messages: Int
    /// Epoch seconds of the first and last dated message; nil when none is dated.
    public var first: Int64?
    public var last: Int64?

    public init(person: Int64, personName: String?, address: String, organization: String?, messages: Int, first: Int64?, last: Int64?) {
        self.person = person
        self.personName = personName
        self.address = address
        self.organization = organization
        self.messages = messages
        self.first = first
        self.last = last
    }
}
