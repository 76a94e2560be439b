/// A row of the person table: a person's id (its anchor participant's), key (that participant's
/// address) and name (the one its addresses used most).
public struct StoredPerson: Sendable, Equatable {
    public var id: Int64
    public var key: String
    public var name: String?

    public init(id: Int64, key: String, name: String?) {
        self.id = id
        self.key = key
        self.name = name
    }
}
