/// A domain that is one person's own (a vanity domain such as `aj.id.au` for Andrew Jeffery), so not
/// an organization: its messages count for the person's dated affiliation when one is known, else
/// for none (docs/organizations.md, "Personal domains").
///
/// Besides the domains an affiliations file names, a domain is taken as personal when exactly one
/// person writes from it and it shows it is theirs: it sits under a suffix for individuals (`id.au`,
/// `name`, `me`), or its name is made of the person's name (their initials, `jms` for Joel M.
/// Stanley), or a part of it between hyphens is a name of theirs of four letters or more, or their
/// whole name (`ribalda.com`, `rempel-privat.de`, `annlee.example`). A name inside a longer word
/// does not count (`novartis.com` is not Mark Nova's).
/// A one-person domain without such a sign (`fuzziesquirrel.com`) stays an organization until the
/// file says otherwise: ranking a small company as a person would be the worse mistake.
public enum PersonalDomain {
    /// Public suffixes under which domains are registered by individuals.
    public static let individualSuffixes: [String] = [".id.au", ".name", ".me", ".me.uk"]
    /// The fewest letters a name part needs to count as the domain's name (`lee.com` is not Ann Lee's).
    public static let minNameLetters = 4

    /// Whether `domain` (registrable), written from by one person only, is that person's own.
    /// `name` is the person's full name as ``PersonName/key(_:)`` folds it.
    public static func isPersonal(domain: String, personName: String?) -> Bool {
        let d = domain.lowercased()
        if individualSuffixes.contains(where: { d.hasSuffix($0) }) { return true }
        guard let name = personName, let label = d.split(separator: ".").first else { return false }
        let letters = String(label.filter { $0.isLetter })
        let words = name.split(separator: " ").map { String($0.filter(\.isLetter)) }.filter { !$0.isEmpty }
        guard words.count >= 2, !letters.isEmpty else { return false }
        let initials = String(words.compactMap(\.first))
        if letters == initials { return true }
        // Initials with a middle one the display name leaves out (`jms`, Joel Stanley).
        if letters.count == initials.count + 1, letters.count <= 4, letters.first == initials.first, letters.last == initials.last {
            return true
        }
        var names = Set(words.filter { $0.count >= minNameLetters })
        names.insert(words.joined())
        names.insert(words.first! + words.last!)
        names.insert(words.last! + words.first!)
        return label.split(separator: "-").contains { names.contains(String($0.filter(\.isLetter))) }
    }
}
