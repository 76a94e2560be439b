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
            } else if let counted = countedReply(s) {
                // `RE[2]:`, `Re^3:`: a reply prefix with the count some clients add.
                guard visit(.prefix("re:")) else { return s }
                s = s[counted...]
            } else if s.first == "[", let close = s.firstIndex(of: "]"), s.distance(from: s.startIndex, to: close) < maxTagLength {
                guard visit(.tag(s[s.index(after: s.startIndex)..<close])) else { return s }
                s = s[s.index(after: close)...]
            } else {
                break
            }
        }
        return s
    }

    /// The end of a counted reply prefix at the front of `s` (`RE[2]:`, `Re^3:`, at most four
    /// digits), or nil.
    static func countedReply(_ s: Substring) -> Substring.Index? {
        let utf8 = s.utf8
        guard utf8.count >= 5 else { return nil }
        var i = utf8.startIndex
        guard utf8[i] | 0x20 == UInt8(ascii: "r") else { return nil }
        i = utf8.index(after: i)
        guard utf8[i] | 0x20 == UInt8(ascii: "e") else { return nil }
        i = utf8.index(after: i)
        let open = utf8[i]
        guard open == UInt8(ascii: "[") || open == UInt8(ascii: "^") else { return nil }
        i = utf8.index(after: i)
        var digits = 0
        while i < utf8.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(utf8[i]), digits < 4 {
            digits += 1
            i = utf8.index(after: i)
        }
        guard digits > 0, i < utf8.endIndex else { return nil }
        if open == UInt8(ascii: "[") {
            guard utf8[i] == UInt8(ascii: "]") else { return nil }
            i = utf8.index(after: i)
        }
        guard i < utf8.endIndex, utf8[i] == UInt8(ascii: ":") else { return nil }
        return utf8.index(after: i)
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
