/// What an HTML body's own structure says of one line of the text it was converted to, where the
/// text alone may not say it: the mail client marked the line as an attribution, as the header block
/// of a quoted message, or as the sender's signature, or opened a quote that names its message.
///
/// Quote extents need no mark: `<blockquote>` and the quote under an Outlook header block reach the
/// text as `>` levels (``HTMLText``). Marks are few (a handful per body), sorted by line.
public struct TextMark: Sendable, Equatable, Hashable {
    public enum Role: String, Sendable, Codable, CaseIterable {
        /// Inside Gmail's `gmail_attr` or Thunderbird's `moz-cite-prefix`: the `On … X wrote:` above a quote.
        case attribution
        /// Inside Outlook's header block (the `border-top` div, or Outlook on the web's `divRplyFwdMsg`):
        /// the `From:` / `Sent:` / `To:` / `Subject:` fields of the message quoted below it.
        case headerBlock = "header-block"
        /// Inside a signature the client marked (`moz-signature`, `gmail_signature`, `id="Signature"`).
        case signature
        /// The first line of a `<blockquote cite="mid:…">`: ``TextMark/value`` is the quoted message's Message-ID.
        case cite
    }

    /// The line of the text, counted from 0.
    public var line: Int
    public var role: Role
    /// For ``Role/cite``: the Message-ID, without `<>`.
    public var value: String?

    public init(line: Int, role: Role, value: String? = nil) {
        self.line = line
        self.role = role
        self.value = value
    }
}

extension TextMark {
    /// Most marks kept for one body: a bound on what hostile HTML can make a store hold.
    public static let maxPerBody = 512

    /// The marks as one line of text for storage, `12 attribution;13 header-block;20 cite a@b`,
    /// or nil for none. Values never hold `;` (``HTMLText`` refuses such cites).
    public static func encode(_ marks: [TextMark]) -> String? {
        guard !marks.isEmpty else { return nil }
        return marks.map { m in
            "\(m.line) \(m.role.rawValue)" + (m.value.map { " " + $0 } ?? "")
        }.joined(separator: ";")
    }

    /// Reads what ``encode(_:)`` wrote; entries it cannot read are left out.
    public static func decode(_ stored: String?) -> [TextMark] {
        guard let stored, !stored.isEmpty else { return [] }
        var marks: [TextMark] = []
        for entry in stored.split(separator: ";", omittingEmptySubsequences: true).prefix(maxPerBody) {
            let parts = entry.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            guard parts.count >= 2, let line = Int(parts[0]), line >= 0,
                  let role = Role(rawValue: String(parts[1])) else { continue }
            marks.append(TextMark(line: line, role: role, value: parts.count > 2 ? String(parts[2]) : nil))
        }
        return marks
    }
}
