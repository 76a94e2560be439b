/// The field a query term searches. A struct over names, so fields are added without breaking
/// callers that switch over the ones they know. docs/search.md says what each matches.
public struct QueryField: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public var description: String { name.isEmpty ? "(free text)" : name + ":" }

    /// How a field reads its value.
    public enum Kind: Sendable {
        /// Words of the full-text index: words, "phrases", prefix*.
        case text
        /// A value compared as written, folded (case and diacritics): names, addresses, ids.
        case value
        /// A date or a range of dates (``QueryDate``).
        case date
        /// One of a fixed set of words (``flags``).
        case flag
    }

    /// Free terms: what the sender wrote (authored text) and the subject.
    public static let text = QueryField("")
    /// `quoted:`: the text the sender quoted.
    public static let quoted = QueryField("quoted")
    /// `subject:`: the subject (a reply's `Re: …` too) contains the value.
    public static let subject = QueryField("subject")
    /// `any:`: words anywhere: subject, authored or quoted text.
    public static let any = QueryField("any")
    /// `from:`: the sender's name or address contains the value.
    public static let from = QueryField("from")
    /// `to:`, `cc:`: a To or Cc recipient's name or address contains the value.
    public static let to = QueryField("to")
    public static let cc = QueryField("cc")
    /// `person:`: sent by a person (merged addresses) one of whose addresses or names contains the value.
    public static let person = QueryField("person")
    /// `org:`: the sender's organization at the message's date is the value.
    public static let org = QueryField("org")
    /// `quotes:`: the message quotes an organization (when one is named so, as `org:` names it),
    /// else a person (as `person:` names them).
    public static let quotes = QueryField("quotes")
    /// `list:`: the message's list.
    public static let list = QueryField("list")
    /// `tag:`: a bracketed subject tag (`[nova]`).
    public static let tag = QueryField("tag")
    /// `topic:`: a topic of the message's thread: a topic tag or a key phrase (``TopicPass``).
    public static let topic = QueryField("topic")
    /// `mid:`: the message with that Message-ID.
    public static let mid = QueryField("mid")
    /// `thread:`: every message of the thread holding that Message-ID.
    public static let thread = QueryField("thread")
    /// `date:`, `after:`, `before:`: when the message was sent.
    public static let date = QueryField("date")
    public static let after = QueryField("after")
    public static let before = QueryField("before")
    /// `is:reply`, `is:root`, `is:unanswered`, `is:patch`.
    public static let `is` = QueryField("is")
    /// `has:html`, `has:attachment`: what the message's MIME parts hold.
    public static let has = QueryField("has")

    /// The fields the query text may name, in the order docs/search.md lists them.
    public static let named: [QueryField] = [
        .from, .to, .cc, .person, .org, .quotes, .list, .tag, .topic, .subject, .quoted, .any, .mid, .thread,
        .date, .after, .before, .is, .has,
    ]

    /// The words a flag field takes (`is:reply`, `has:html`); none for the others.
    public var flags: [String] {
        switch self {
        case .is: ["reply", "root", "unanswered", "patch"]
        case .has: ["html", "attachment"]
        default: []
        }
    }

    public var kind: Kind {
        switch self {
        case .text, .quoted, .any: .text
        case .date, .after, .before: .date
        case .is, .has: .flag
        default: .value
        }
    }
}
