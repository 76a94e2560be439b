/// Values a caller gives for what a message lacks (the CLI's `import --from --date --subject`):
/// a bare HTML body has no headers at all, and some archives lose a sender or a date.
///
/// Only gaps are filled: a message's own From, Date or Subject always wins.
public struct MessageDefaults: Sendable, Equatable {
    public var from: Mailbox?
    public var date: MailDate?
    public var subject: String?

    public init(from: Mailbox? = nil, date: MailDate? = nil, subject: String? = nil) {
        self.from = from
        self.date = date
        self.subject = subject
    }

    public var isEmpty: Bool { from == nil && date == nil && subject == nil }

    /// Fills the message's missing sender, date and subject; a filled date's source is ``Message/DateSource/given``.
    /// - Returns: true when a given value filled something.
    @discardableResult
    public func fill(_ message: inout Message) -> Bool {
        var filled = false
        if message.from == nil, let from { message.from = from; filled = true }
        if message.date == nil, let date { message.date = date; message.dateSource = .given; filled = true }
        if message.subject.isEmpty, let subject { message.subject = subject; filled = true }
        return filled
    }

    /// Which given value could not be read, with the text as given. The caller names its own
    /// option or field (the CLI says `--from`); this type knows nothing of flags.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// No mail address in the sender text (expected as in a `From:` header: `Jamey <jamey@example.com>`).
        case address(String)
        /// The date text is neither an RFC 5322 date nor ISO 8601 (`2017-06-02 14:05 -0400`).
        case date(String)

        public var description: String {
            switch self {
            case .address(let s): return "\"\(s)\": no mail address in it"
            case .date(let s): return "\"\(s)\": not a date"
            }
        }
    }

    /// Reads given text: an address as in a `From:` header, a date as in a `Date:` header or ISO 8601.
    public static func parse(from: String?, date: String?, subject: String?) -> Result<MessageDefaults, Failure> {
        var d = MessageDefaults(subject: subject)
        if let from {
            guard let box = AddressParser.parse(Array(from.utf8)).mailboxes.first, box.address.contains("@") else {
                return .failure(.address(from))
            }
            d.from = box
        }
        if let date {
            guard case .success(let parsed) = MailDateParser.parse(date) else { return .failure(.date(date)) }
            d.date = parsed.date
        }
        return .success(d)
    }
}
