/// A participant as the affiliation pass reads it.
public struct CreditedParticipant: Sendable, Equatable {
    public var id: Int64
    public var key: String
    public var person: Int64
    public var personName: String?

    public init(id: Int64, key: String, person: Int64, personName: String?) {
        self.id = id
        self.key = key
        self.person = person
        self.personName = personName
    }
}
