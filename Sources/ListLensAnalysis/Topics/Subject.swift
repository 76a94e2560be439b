import ListLensText
/// Subject lines as topics: tags in brackets and the subject with reply prefixes removed.
public enum Subject {
    /// Most reply prefixes and tags stripped from one subject (`Re: Re: [a] [b] …`); the rest stays.
    /// Real subjects carry a handful; the bound keeps hostile ones linear.
    public static let maxPrefixRounds = 32
    /// Longest bracketed tag read (`[Twisted-Python]`); a longer bracket is subject text.
    public static let maxTagLength = 64

    /// `Re: [Twisted-Python] [ANN] Twisted 13.1` → `Twisted 13.1`.
    public static func normalized(_ subject: String) -> String {
        var s = Substring(subject)
        var changed = true
        var rounds = 0
        while changed && rounds < maxPrefixRounds {
            changed = false
            rounds += 1
            s = s.drop { $0 == " " || $0 == "\t" }
            let lower = s.prefix(6).lowercased()
            for prefix in ["re:", "fw:", "fwd:", "aw:", "sv:", "antw:", "re :", "tr:"] where lower.hasPrefix(prefix) {
                s = s.dropFirst(prefix.count); changed = true; break
            }
            if !changed, s.first == "[", let close = s.firstIndex(of: "]"), s.distance(from: s.startIndex, to: close) < maxTagLength {
                s = s[s.index(after: close)...]; changed = true
            }
        }
        return String(s).trimmingCharacters(in: " \t")
    }

    /// Bracketed tags at the front of a subject, in order, without repeats: `[Twisted-Python] [ANN] x` → `["Twisted-Python", "ANN"]`.
    public static func tags(_ subject: String) -> [String] {
        var tags: [String] = []
        var s = Substring(subject)
        var rounds = 0
        while rounds < maxPrefixRounds {
            rounds += 1
            s = s.drop { $0 == " " || $0 == "\t" }
            let lower = s.prefix(6).lowercased()
            if let p = ["re:", "fw:", "fwd:", "aw:", "sv:"].first(where: { lower.hasPrefix($0) }) { s = s.dropFirst(p.count); continue }
            guard s.first == "[", let close = s.firstIndex(of: "]"), s.distance(from: s.startIndex, to: close) < maxTagLength else { break }
            let tag = String(s[s.index(after: s.startIndex)..<close]).trimmingCharacters(in: " ")
            if !tag.isEmpty, !tags.contains(tag) { tags.append(tag) }
            s = s[s.index(after: close)...]
        }
        return tags
    }

    /// Whether the subject says it answers one: a reply prefix (`Re:`, `AW:`, `SV:`, `Antw:`) among
    /// the prefixes and tags at its front. `[Twisted-Python] Re: x` is a reply; `Fwd: x` is not.
    public static func isReply(_ subject: String) -> Bool {
        var s = Substring(subject)
        var rounds = 0
        while rounds < maxPrefixRounds {
            rounds += 1
            s = s.drop { $0 == " " || $0 == "\t" }
            let lower = s.prefix(6).lowercased()
            if ["re:", "aw:", "sv:", "antw:", "re :"].contains(where: { lower.hasPrefix($0) }) { return true }
            if let p = ["fw:", "fwd:", "tr:"].first(where: { lower.hasPrefix($0) }) { s = s.dropFirst(p.count); continue }
            guard s.first == "[", let close = s.firstIndex(of: "]"), s.distance(from: s.startIndex, to: close) < maxTagLength else { return false }
            s = s[s.index(after: close)...]
        }
        return false
    }
}
