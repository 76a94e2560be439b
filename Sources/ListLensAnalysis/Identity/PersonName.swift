import Foundation

/// A display name read as a person's full name, for joining one person's addresses
/// (docs/participants.md, "Who is one person").
///
/// The key folds what varies between spellings of one name and nothing else: case, diacritics
/// (`Hervé` = `Herve`), punctuation and spacing (`Jean-Paul` = `Jean Paul`, `J. Doe` = `J Doe`),
/// and the `Last, First` order. It is nil for what is not a full name: one word (`Glyph`, `root`),
/// an address or a word with digits in it (`user123`), or a role (`Support Team`, `Site Admin`):
/// such names are shared by many people and join nobody.
public enum PersonName {
    /// Words that make a display name a role, not a person.
    public static let roleWords: Set<String> = [
        "admin", "administrator", "administrators", "root", "info", "support", "team", "webmaster", "postmaster",
        "hostmaster", "staff", "sales", "office", "helpdesk", "help", "desk", "service", "services", "noreply",
        "daemon", "bot", "robot", "system", "committee", "board", "developers", "maintainers", "maintainer",
        "security", "newsletter", "list", "lists", "mailing", "owner", "owners", "moderator", "moderators",
        "announce", "announcements", "notifications", "unknown", "anonymous", "nobody", "user", "users",
        "undisclosed", "recipients", "project", "group", "foundation", "community", "dev", "devel",
    ]
    /// A name longer than this is text, not a name (an address list, a sentence in the From field).
    public static let maxBytes = 120
    /// The fewest letters a full name has (`Al Li` has four, `J D` two: too short to be evidence).
    public static let minLetters = 5

    /// `"Calderone, Jean-Paul"` → `jean paul calderone`; `Glyph` → nil; `Support Team` → nil.
    public static func key(_ name: String) -> String? {
        guard !name.isEmpty, name.utf8.count <= maxBytes, !name.contains("@") else { return nil }
        // A note after the name (`Ann Lee (Acme)`, `Ann Lee [IBM]`) is not part of it.
        var text = String(name.prefix { $0 != "(" && $0 != "[" })
        // `Last, First`: one comma between two parts, each a word or more.
        let commaParts = text.split(separator: ",", omittingEmptySubsequences: false)
        if commaParts.count == 2 {
            let last = commaParts[0].trimmingCharacters(in: .whitespaces)
            let first = commaParts[1].trimmingCharacters(in: .whitespaces)
            guard !last.isEmpty, !first.isEmpty else { return nil }
            text = first + " " + last
        } else if commaParts.count > 2 {
            return nil
        }
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var words: [String] = []
        var word = ""
        var letters = 0
        for ch in folded {
            if ch.isLetter {
                word.append(ch)
                letters += 1
            } else if ch.isNumber {
                return nil
            } else if ch == " " || ch == "-" || ch == "." || ch == "'" || ch == "\u{2019}" || ch == "_" || ch == "\t" || ch == "\"" {
                if !word.isEmpty { words.append(word); word = "" }
            } else if ch == ")" || ch == "]" || ch == "<" || ch == ">" || ch == "/" || ch == ":" || ch == "=" || ch == "?" {
                // A path, an address's brackets, an undecoded encoded word: not a plain name.
                return nil
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        guard words.count >= 2, letters >= minLetters, !words.contains(where: roleWords.contains) else { return nil }
        return words.joined(separator: " ")
    }
}
