/// What a query term looks for.
public enum QueryTerm: Sendable, Equatable {
    /// One word, as the tokenizer splits text: `deferred`.
    case word(String)
    /// Words in this order: `"inline callbacks"`.
    case phrase(String)
    /// Words starting so: `errback*` → `errback`.
    case prefix(String)
    /// A closed or open range of values (`2017-05..2017-08`, `2017..`), for ordered fields such as dates.
    case range(lower: String?, upper: String?)

    /// True for ``range(lower:upper:)``.
    public var isRange: Bool { if case .range = self { return true } else { return false } }
}
