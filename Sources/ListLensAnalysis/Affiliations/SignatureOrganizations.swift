import ListLensText

/// Finds the organizations a signature names, for `listlens affiliations suggest`:
/// "Ryan Arnell | UX Engineer | IBM, Austin, TX." names IBM, "Tali Perry | Nuvoton Technologies"
/// names nuvoton.com.
///
/// The names it looks for are the organizations a store already knows (docs/affiliations.md):
/// a file organization's name, aliases and the first label of each of its domains, and a domain
/// organization's first label (`nuvoton.com` → `nuvoton`). A name counts only
/// - as whole words (one to ``maximumWords``), the first written with a capital letter, so
///   "Linux kernel" is no claim for kernel.org while "IBM" and "Nuvoton" are;
/// - on a line with no address or link (`@`, `://`, `www.`, `mailto:`), so "Follow Linaro:
///   <http://www.facebook.com/…> Facebook" names nobody's employer;
/// - when it is not one of ``generic`` (words that are also some organization's domain label).
///
/// Linear in the signature: at most ``maximumLines`` lines of at most ``maximumLineLength``
/// bytes are read, word by word; nothing backtracks.
public struct SignatureOrganizations: Sendable {
    /// Lowercased words joined by single spaces, to the organization they name.
    private let names: [String: String]
    /// The most words a name is matched over.
    public static let maximumWords = 3
    /// Lines of a signature read (a corporate disclaimer below them is not a claim).
    public static let maximumLines = 12
    /// Longer lines are prose, not a signature's title line.
    public static let maximumLineLength = 200
    /// Names shorter than this are too ambiguous to count (`hp`, `3m`).
    public static let minimumNameLength = 3
    /// Words never taken as an organization's name, though some domain is named so.
    public static let generic: Set<String> = [
        "best", "cheers", "com", "email", "fax", "group", "home", "linux", "list", "mail", "mobile", "net", "office",
        "open", "org", "phone", "project", "regards", "sent", "software", "team", "tel", "thanks", "the", "web", "www",
    ]

    /// `names`: each organization with the names it is written as (any case).
    public init(names: [(organization: String, names: [String])]) {
        var table: [String: String] = [:]
        for (organization, written) in names {
            for name in written {
                let words = Self.words(in: name)
                let key = words.joined(separator: " ")
                guard !words.isEmpty, words.count <= Self.maximumWords, key.utf8.count >= Self.minimumNameLength,
                      !(words.count == 1 && Self.generic.contains(key)) else { continue }
                if table[key] == nil { table[key] = organization }
            }
        }
        self.names = table
    }

    /// The names an organization is written as: its own (`IBM`, or a domain's first label), its
    /// aliases, and the first label of each domain (`registrable` gives a domain's registrable part).
    public static func names(of organization: String, aliases: [String] = [], domains: [String] = [],
                             registrable: (String) -> String) -> [String] {
        var out: [String] = []
        for name in [organization] + aliases + domains {
            if name.contains(".") {
                let domain = registrable(name.lowercased())
                if let label = domain.split(separator: ".").first, domain.contains(".") { out.append(String(label)) }
            } else {
                out.append(name)
            }
        }
        return out
    }

    /// Whether any name is known.
    public var isEmpty: Bool { names.isEmpty }

    /// Each organization the signature names, once, with the first line naming it (trimmed).
    public func organizations(in signature: String) -> [(organization: String, line: String)] {
        guard !names.isEmpty else { return [] }
        var found: [(organization: String, line: String)] = []
        var lines = 0
        for raw in signature.split(separator: "\n", omittingEmptySubsequences: true) {
            lines += 1
            if lines > Self.maximumLines { break }
            let line = raw.trimmingCharacters(in: " \t\r")
            guard !line.isEmpty, line.utf8.count <= Self.maximumLineLength,
                  !line.contains("@"), !line.contains("://"), !line.lowercased().contains("www."),
                  !line.lowercased().contains("mailto:") else { continue }
            let words = Self.wordsKeepingCase(in: line)
            var i = 0
            while i < words.count {
                var matched = 0
                // The longest name starting here, written with a capital.
                if words[i].first?.isUppercase == true {
                    for n in stride(from: min(Self.maximumWords, words.count - i), through: 1, by: -1) {
                        let key = words[i..<(i + n)].map { $0.lowercased() }.joined(separator: " ")
                        if let organization = names[key] {
                            if !found.contains(where: { $0.organization == organization }) { found.append((organization, line)) }
                            matched = n
                            break
                        }
                    }
                }
                i += max(matched, 1)
            }
        }
        return found
    }

    /// Lines read from the end of a message's own text for a sign-off the segmenter did not mark.
    public static let closingLines = 5

    /// The sign-off at the end of a message's own text that no rule marked as a signature
    /// (`*Ryan Arnell*` over `UX Engineer | IBM Design | IBM Studios Austin`): from the last of its
    /// final ``closingLines`` lines that holds the sender's full name (two words or more) to the
    /// end, when that is at most four lines; nil otherwise.
    public static func closing(of text: String, name: String) -> String? {
        let nameWords = words(in: name)
        guard nameWords.count >= 2 else { return nil }
        let wanted = " " + nameWords.joined(separator: " ") + " "
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: " \t\r") }.filter { !$0.isEmpty }.suffix(closingLines)
        guard let at = lines.lastIndex(where: { (" " + words(in: $0).joined(separator: " ") + " ").contains(wanted) }),
              lines.endIndex - at <= 4 else { return nil }
        return lines[at...].joined(separator: "\n")
    }

    /// Words of letters and digits, lowercased.
    static func words(in text: String) -> [String] { wordsKeepingCase(in: text).map { $0.lowercased() } }

    /// Words of letters and digits (`&` and `-` inside a word kept: `AT&T`, `Hewlett-Packard`).
    static func wordsKeepingCase(in text: some StringProtocol) -> [String] {
        var words: [String] = []
        var current = ""
        for c in text {
            if c.isLetter || c.isNumber || ((c == "&" || c == "-") && !current.isEmpty) {
                current.append(c)
            } else if !current.isEmpty {
                words.append(current.trimmingSuffix { $0 == "&" || $0 == "-" })
                current = ""
            }
        }
        if !current.isEmpty { words.append(current.trimmingSuffix { $0 == "&" || $0 == "-" }) }
        return words.filter { !$0.isEmpty }
    }
}

private extension String {
    func trimmingSuffix(while drop: (Character) -> Bool) -> String {
        var s = self
        while let last = s.last, drop(last) { s.removeLast() }
        return s
    }
}
