import ListLensText
/// Subject lines as topics: tags in brackets and the subject with reply prefixes removed.
public enum Subject {
    /// Most reply prefixes and tags stripped from one subject (`Re: Re: [a] [b] …`); the rest stays.
    /// Real subjects carry a handful; the bound keeps hostile ones linear.
    public static let maxPrefixRounds = 32
    /// Longest bracketed tag read (`[Twisted-Python]`); a longer bracket is subject text.
    public static let maxTagLength = 64

    /// Reply and forward prefixes, lowercased, in the languages mail clients write them.
    static let prefixes = ["re:", "fw:", "fwd:", "aw:", "sv:", "antw:", "re :", "tr:"]
    /// The ones that say the message answers another (the rest forward one).
    static let replyPrefixes: Set<String> = ["re:", "aw:", "sv:", "antw:", "re :"]

    /// One thing at the front of a subject.
    enum Front {
        case prefix(String)
        /// A bracketed tag's text, without its brackets.
        case tag(Substring)
    }

    /// Reads the prefixes and tags at the front of `subject`, in order, while `visit` returns true,
    /// at most ``maxPrefixRounds`` of them; returns what follows the last one read.
    static func front(of subject: String, _ visit: (Front) -> Bool) -> Substring {
        var s = Substring(subject)
        for _ in 0..<maxPrefixRounds {
            s = s.drop { $0 == " " || $0 == "\t" }
            let lower = s.prefix(6).lowercased()
            if let p = prefixes.first(where: { lower.hasPrefix($0) }) {
                guard visit(.prefix(p)) else { return s }
                s = s.dropFirst(p.count)
            } else if s.first == "[", let close = s.firstIndex(of: "]"), s.distance(from: s.startIndex, to: close) < maxTagLength {
                guard visit(.tag(s[s.index(after: s.startIndex)..<close])) else { return s }
                s = s[s.index(after: close)...]
            } else {
                break
            }
        }
        return s
    }

    /// `Re: [Twisted-Python] [ANN] Twisted 13.1` → `Twisted 13.1`.
    public static func normalized(_ subject: String) -> String {
        String(front(of: subject) { _ in true }).trimmingCharacters(in: " \t")
    }

    /// Bracketed tags at the front of a subject, in order, without repeats: `[Twisted-Python] [ANN] x` → `["Twisted-Python", "ANN"]`.
    public static func tags(_ subject: String) -> [String] {
        var tags: [String] = []
        _ = front(of: subject) { item in
            if case .tag(let text) = item {
                let tag = String(text).trimmingCharacters(in: " ")
                if !tag.isEmpty, !tags.contains(tag) { tags.append(tag) }
            }
            return true
        }
        return tags
    }

    /// Whether a message's subject is inherited rather than its sender's words: it says it answers
    /// one (`Re: …`), or it is the subject of a message it answers or references (compared
    /// without prefixes, tags, case and spacing: clients that reply without `Re:`, or rewrap).
    /// `referenced` are those messages' subjects, as far as they are stored.
    public static func isInherited(_ subject: String, referenced: some Sequence<String>) -> Bool {
        if isReply(subject) { return true }
        let own = key(subject)
        return !own.isEmpty && referenced.contains { key($0) == own }
    }

    /// The subject without prefixes and tags, lower case, each run of spaces one space.
    static func key(_ subject: String) -> String {
        normalized(subject).lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    /// Whether the subject says it answers one: a reply prefix (`Re:`, `AW:`, `SV:`, `Antw:`) among
    /// the prefixes and tags at its front. `[Twisted-Python] Re: x` is a reply; `Fwd: x` is not.
    public static func isReply(_ subject: String) -> Bool {
        var reply = false
        _ = front(of: subject) { item in
            if case .prefix(let p) = item, replyPrefixes.contains(p) { reply = true }
            return !reply
        }
        return reply
    }
}
