/// Who an organization's figures count, and why (`listlens orgs --explain ORG`): each person with
/// messages credited to it, the addresses those messages came from, and the rule that credited them.
public struct OrganizationExplanation: Sendable, Codable, Equatable {
    public struct Address: Sendable, Codable, Equatable {
        public var address: String
        public var messages: Int
        public init(address: String, messages: Int) {
            self.address = address
            self.messages = messages
        }
    }

    public struct Member: Sendable, Codable, Equatable {
        public var personID: Int64
        public var name: String?
        public var messages: Int
        public var addresses: [Address]
        /// Why the messages count for the organization: `domain` (the registrable domain of the
        /// address they were sent from, or of their author's when the list rewrote From).
        public var reason: String

        public init(personID: Int64, name: String?, messages: Int, addresses: [Address], reason: String) {
            self.personID = personID
            self.name = name
            self.messages = messages
            self.addresses = addresses
            self.reason = reason
        }

        enum CodingKeys: String, CodingKey { case personID = "person_id", name, messages, addresses, reason }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(personID, forKey: .personID)
            try c.encode(name, forKey: .name)
            try c.encode(messages, forKey: .messages)
            try c.encode(addresses, forKey: .addresses)
            try c.encode(reason, forKey: .reason)
        }
    }

    public var organization: String
    public var messages: Int
    /// Most messages first.
    public var members: [Member]

    public init(organization: String, messages: Int, members: [Member]) {
        self.organization = organization
        self.messages = messages
        self.members = members
    }
}
