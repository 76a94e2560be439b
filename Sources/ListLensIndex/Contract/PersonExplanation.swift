/// Why a person is one person: every address and name it sent under, and for each address the
/// identity rule and evidence that joined it (`listlens people --explain`).
public struct PersonExplanation: Sendable, Codable, Equatable {
    public struct NameUse: Sendable, Codable, Equatable {
        public var name: String
        public var messages: Int
        public init(name: String, messages: Int) {
            self.name = name
            self.messages = messages
        }
    }

    public struct Address: Sendable, Codable, Equatable {
        public var address: String
        public var messages: Int
        public var firstMessage: String?
        public var lastMessage: String?
        /// The display names its messages carried, most used first.
        public var names: [NameUse]
        /// Its organization (registrable domain), nil for webmail and unknown domains.
        public var organization: String?
        /// Why it is not a person's own address (``AutomatedSender/Reason``), if it is not.
        public var automated: String?
        /// The address it was joined to, by which rule (`same-name`, `same-mailbox`) and on what
        /// evidence; all nil for the person's first address.
        public var joinedTo: String?
        public var rule: String?
        public var evidence: String?

        public init(address: String, messages: Int, firstMessage: String?, lastMessage: String?, names: [NameUse],
                    organization: String?, automated: String?, joinedTo: String?, rule: String?, evidence: String?) {
            self.address = address
            self.messages = messages
            self.firstMessage = firstMessage
            self.lastMessage = lastMessage
            self.names = names
            self.organization = organization
            self.automated = automated
            self.joinedTo = joinedTo
            self.rule = rule
            self.evidence = evidence
        }

        enum CodingKeys: String, CodingKey {
            case address, messages, firstMessage = "first_message", lastMessage = "last_message", names, organization,
                 automated, joinedTo = "joined_to", rule, evidence
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(address, forKey: .address)
            try c.encode(messages, forKey: .messages)
            try c.encode(firstMessage, forKey: .firstMessage)
            try c.encode(lastMessage, forKey: .lastMessage)
            try c.encode(names, forKey: .names)
            try c.encode(organization, forKey: .organization)
            try c.encode(automated, forKey: .automated)
            try c.encode(joinedTo, forKey: .joinedTo)
            try c.encode(rule, forKey: .rule)
            try c.encode(evidence, forKey: .evidence)
        }
    }

    public var personID: Int64
    public var name: String?
    public var key: String
    public var messages: Int
    /// In the order they joined: the first address, then each joined one after the one it joined.
    public var addresses: [Address]

    public init(personID: Int64, name: String?, key: String, messages: Int, addresses: [Address]) {
        self.personID = personID
        self.name = name
        self.key = key
        self.messages = messages
        self.addresses = addresses
    }

    enum CodingKeys: String, CodingKey { case personID = "person_id", name, key, messages, addresses }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(personID, forKey: .personID)
        try c.encode(name, forKey: .name)
        try c.encode(key, forKey: .key)
        try c.encode(messages, forKey: .messages)
        try c.encode(addresses, forKey: .addresses)
    }
}
