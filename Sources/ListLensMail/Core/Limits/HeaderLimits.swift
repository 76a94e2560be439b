/// Named limits on header blocks and the values in them.
public struct HeaderLimits: Sendable {
    /// Postfix's `header_size_limit` (102,400 bytes) for one field, folds included.
    public var maxFieldBytes = 102_400
    /// Fields read per message. The corpora's largest blocks hold a few dozen (long Received and
    /// ARC chains); 1,000 keeps hostile input bounded.
    public var maxFields = 1_000
    public init() {}

    /// Deepest nesting of `(comments)` in an address header (RFC 5322 §3.2.2 allows any depth;
    /// no client writes more than two): deeper parentheses count as text of the innermost comment.
    public static let maxCommentDepth = 16
    /// Longest RFC 2047 encoded word read. RFC 2047 §2 caps a word at 75 characters; some clients
    /// write whole subjects as one word, so 4 KiB keeps those and bounds the rest.
    public static let maxEncodedWordBytes = 4096
    /// Longest charset name read in an encoded word (IANA's longest registered name is 45 characters).
    public static let maxCharsetNameLength = 100
    /// Longest Message-ID kept: RFC 5322 §2.1.1's 998-character line limit (public-inbox stops at
    /// 244 bytes, a Xapian term limit). Longer values are mangled headers, not ids.
    public static let maxMessageIDLength = 998
    /// Longest token of a Date header; longer tokens make the date unreadable (a real date's
    /// longest token is a zone comment such as `(Pacific Daylight Time)`, under 40).
    public static let maxDateTokenLength = 64
    /// Most tokens in a Date header (a full RFC 5322 date with a zone comment has under ten).
    public static let maxDateTokens = 16
}
