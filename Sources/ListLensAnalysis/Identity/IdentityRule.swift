/// A documented way two sender addresses are found to be one person (docs/participants.md).
///
/// One address is always one person, whatever the rules: its key folds case and the archives'
/// obfuscations (`user at host`) when it is read. The rules below join different addresses, each
/// with the evidence kept beside the join; each can be turned off.
public enum IdentityRule: String, Sendable, CaseIterable, Codable, Comparable {
    /// One mailbox written two ways: a `+tag` subaddress (`ann+lists@x.org` is `ann@x.org`,
    /// RFC 5233), and Gmail's dots and `googlemail.com` (`a.lee@gmail.com` is `alee@gmail.com`).
    case sameMailbox = "same-mailbox"
    /// The same full name (``PersonName/key(_:)``: case, diacritics, punctuation and order folded)
    /// as the usual name of both addresses. Never for one-word, role or generic names, generic local
    /// parts (`info@`, `admin@`), list addresses, automated senders, or an address that carries
    /// several people's names.
    case sameName = "same-name"
    /// A message whose list rewrote its From (DMARC) and kept only the author's name (a pipermail
    /// month: `twisted-python at twistedmatrix.com (Shawn Church)`) joins the one person whose own
    /// full name that is, by the rules above; none when several persons write under it.
    case rewrittenName = "rewritten-name"
    /// Addresses an affiliations file lists under one person (docs/affiliations.md): the user's word,
    /// taken before every rule above and whatever they say.
    case affiliationsFile = "affiliations-file"

    public static func < (a: IdentityRule, b: IdentityRule) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
