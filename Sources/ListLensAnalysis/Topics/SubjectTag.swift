/// What a bracketed subject tag says: a topic (`[nova]`, `[LCOO]`, `[tc]`), a patch or series
/// marker (`[PATCH v2 3/7]`, `[RFC]`, `[RESEND PATCH net-next]`), the list's own name
/// (`[Twisted-Python]` on twisted-python), or a mail system's notice (`[External]`, `[SPAM]`):
/// only the first says what a thread discusses.
public enum SubjectTag {
    public enum Kind: String, Sendable, Equatable {
        case topic
        case patch
        case list
        case notice
    }

    /// Tags mail systems add to a subject (folded): a warning about the sender, not a topic.
    static let notices: Set<String> = ["external", "ext", "external email", "externalemail", "external sender", "spam", "possible spam",
                                       "suspected spam", "suspicious", "caution", "warning", "phish", "bulk", "sensitive"]

    /// Words that make a tag a patch or series marker wherever they stand in it.
    static let markerWords: Set<String> = ["patch", "rfc", "resend", "rebase", "repost", "pull", "git pull"]

    /// The kind of `tag` (without its brackets) on a message of the list named `list`
    /// (its name as stored, or its List-Id; nil when unknown).
    public static func kind(of tag: some StringProtocol, list: String? = nil) -> Kind {
        let words = tag.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
        if words.contains(where: isMarker) { return .patch }
        if notices.contains(words.joined(separator: " ").replacingOccurrences(of: ":", with: "")) { return .notice }
        if let list, !list.isEmpty {
            let name = alphanumerics(tag)
            // `twisted-python` as stored, `twisted-python.twistedmatrix.com` as a List-Id.
            let listName = alphanumerics(list.split(separator: ".").first ?? "")
            if !name.isEmpty, name == listName || name == alphanumerics(list) { return .list }
        }
        return .topic
    }

    /// `PATCH`, `PATCHv2`, `RFC`, `RESEND`, `v2`, `3/7`, `0/12`: a word of a patch marker.
    static func isMarker(_ word: Substring) -> Bool {
        if markerWords.contains(where: { word.hasPrefix($0) }) { return true }
        let bytes = Array(word.utf8)
        // `v2`, `v12`
        if bytes.count >= 2, bytes.count <= 4, bytes[0] == UInt8(ascii: "v"), bytes.dropFirst().allSatisfy(isDigit) { return true }
        // `3/7`
        if let slash = bytes.firstIndex(of: UInt8(ascii: "/")), slash > 0, slash < bytes.count - 1,
           bytes[..<slash].allSatisfy(isDigit), bytes[(slash + 1)...].allSatisfy(isDigit) { return true }
        return false
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    /// Letters and digits, lower case: `Twisted-Python` → `twistedpython`.
    static func alphanumerics(_ s: some StringProtocol) -> String {
        String(s.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// The topic tags of a subject, in order, each once, as written: `[all][tc] x` → `["all", "tc"]`;
    /// `[PATCH v2 3/7] x` and `[Twisted-Python] x` (on twisted-python) → `[]`.
    public static func topics(of subject: String, list: String? = nil) -> [String] {
        Subject.tags(subject).filter { kind(of: $0, list: list) == .topic }
    }
}
