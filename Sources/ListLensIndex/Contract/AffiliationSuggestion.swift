/// A dated affiliation `listlens affiliations suggest` proposes for a person, with the evidence it
/// rests on and how many of their messages it would credit differently (docs/affiliations.md).
public struct AffiliationSuggestion: Sendable, Codable, Equatable {
    /// What one piece of evidence saw: messages from an address whose domain is the organization's
    /// (`domain`), or signatures naming it on messages from an address of no organization (`signature`).
    public struct Evidence: Sendable, Codable, Equatable {
        public enum Kind: String, Sendable, Codable { case domain, signature }
        public var kind: Kind
        public var address: String
        public var messages: Int
        /// Days (`YYYY-MM-DD`, UTC) of the first and last message seen.
        public var firstMessage: String
        public var lastMessage: String
        /// For a signature: the first line naming the organization.
        public var text: String?

        public init(kind: Kind, address: String, messages: Int, firstMessage: String, lastMessage: String, text: String?) {
            self.kind = kind
            self.address = address
            self.messages = messages
            self.firstMessage = firstMessage
            self.lastMessage = lastMessage
            self.text = text
        }

        enum CodingKeys: String, CodingKey {
            case kind, address, messages, firstMessage = "first_message", lastMessage = "last_message", text
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(address, forKey: .address)
            try c.encode(messages, forKey: .messages)
            try c.encode(firstMessage, forKey: .firstMessage)
            try c.encode(lastMessage, forKey: .lastMessage)
            try c.encode(text, forKey: .text)
        }
    }

    public var personID: Int64
    public var name: String?
    /// Every address of the person (the file entry lists them all).
    public var addresses: [String]
    public var organization: String
    /// The period: the first day evidence was seen, and the day after the last (exclusive, as in the file).
    public var from: String
    public var until: String
    /// The person's messages in the period that count for another organization, or none, today.
    public var changes: Int
    public var evidence: [Evidence]

    public init(personID: Int64, name: String?, addresses: [String], organization: String, from: String, until: String,
                changes: Int, evidence: [Evidence]) {
        self.personID = personID
        self.name = name
        self.addresses = addresses
        self.organization = organization
        self.from = from
        self.until = until
        self.changes = changes
        self.evidence = evidence
    }

    enum CodingKeys: String, CodingKey {
        case personID = "person_id", name, addresses, organization, from, until, changes, evidence
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(personID, forKey: .personID)
        try c.encode(name, forKey: .name)
        try c.encode(addresses, forKey: .addresses)
        try c.encode(organization, forKey: .organization)
        try c.encode(from, forKey: .from)
        try c.encode(until, forKey: .until)
        try c.encode(changes, forKey: .changes)
        try c.encode(evidence, forKey: .evidence)
    }
}
