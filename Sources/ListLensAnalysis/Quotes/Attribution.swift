import ListLensText

/// Who wrote a quoted message and when, as its attribution line or header block says it.
///
/// Values are the text the body gives (`"John Doe <john@doe.example>"`, `"24.02.2015 um 22:48"`), not
/// parsed further: the quote matcher compares them with stored messages, the CLI shows them.
public struct Attribution: Sendable, Equatable, Codable {
    /// What introduced the quote.
    public enum Form: String, Sendable, Codable {
        /// `On … X wrote:` and its translations.
        case replyLine = "reply-line"
        /// Outlook's `From:` / `Sent:` / `To:` / `Subject:` block, or a `-----Original Message-----` line.
        case headerBlock = "header-block"
        /// A forwarded message: `---------- Forwarded message ----------`, `Begin forwarded message:`.
        case forwarded
    }

    public var form: Form
    /// The sender as written: a name, `Name <address>`, or an address.
    public var from: String?
    public var date: String?
    /// Only header blocks carry one.
    public var subject: String?

    public init(form: Form, from: String? = nil, date: String? = nil, subject: String? = nil) {
        self.form = form
        self.from = from
        self.date = date
        self.subject = subject
    }

    /// The name part of ``from``: `John Doe` of `"John Doe" <john@doe.example>`, or nil for a bare address.
    public var name: String? {
        guard let from else { return nil }
        var s = Substring(from)
        if let lt = s.firstIndex(of: "<") { s = s[..<lt] } else if s.contains("@") { return nil }
        if let bracket = s.firstIndex(of: "[") { s = s[..<bracket] }   // Outlook's `Name [mailto:a@b]`
        let trimmed = s.trimmingCharacters(in: " \t\"'(")
        return trimmed.isEmpty ? nil : String(trimmed)
    }

    /// The address part of ``from``, lowercased: `john@doe.example` of `John Doe <john@doe.example>`.
    public var address: String? {
        guard let from else { return nil }
        var s = Substring(from)
        if let lt = s.firstIndex(of: "<"), let gt = s[lt...].firstIndex(of: ">") {
            s = s[s.index(after: lt)..<gt]
        } else if let m = s.firstRange(of: "mailto:") {
            s = s[m.upperBound...].prefix { $0 != "]" && $0 != " " }
        } else if let at = s.firstIndex(of: "@") {
            let start = s[..<at].lastIndex(where: { $0 == " " || $0 == "(" }).map(s.index(after:)) ?? s.startIndex
            let end = s[at...].firstIndex(where: { $0 == " " || $0 == ")" }) ?? s.endIndex
            s = s[start..<end]
        } else {
            return nil
        }
        let trimmed = s.trimmingCharacters(in: " \t")
        return trimmed.contains("@") ? trimmed.lowercased() : nil
    }
}
