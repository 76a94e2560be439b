/// The field a query term searches. A struct over names, so fields are added without breaking
/// callers that switch over the ones they know.
public struct QueryField: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public var description: String { name.isEmpty ? "(free text)" : name + ":" }

    /// Free terms: what the sender wrote (authored text) and the subject.
    public static let text = QueryField("")
    /// `from:`: the sender's name or address contains the value (case-insensitive).
    public static let from = QueryField("from")
    /// `quoted:`: the text the sender quoted.
    public static let quoted = QueryField("quoted")

    /// The fields the query text may name, in the order errors list them.
    public static let named: [QueryField] = [.from, .quoted]
}
