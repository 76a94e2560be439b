/// A store that `listlens affiliations suggest` reads its evidence from (``AffiliationSuggester``).
public protocol AffiliationEvidenceStore: Sendable {
    /// Every address of a person with published messages, automated senders left out: its person,
    /// the organization its domain gives (none for a mail provider or personal domain), its
    /// messages and their first and last date. Undated messages count in `messages` only.
    func addressUses() throws -> [AddressUse]
    /// Organizations whose domain at least `persons` persons write from, by the name the store gives them.
    func organizations(writtenFromByAtLeast persons: Int) throws -> [String]
    /// Calls `body` with each dated, published message that has a signature or text of its own and
    /// whose address counts for no organization by its domain (a mail provider, a personal domain, none).
    func signedMessagesWithoutOrganization(_ body: (SignedMessage) throws -> Void) throws
    /// How many of `person`'s published messages sent in `from..<until` (epoch seconds) count for
    /// another organization than `organization`, or for none.
    func messagesCountingElsewhere(person: Int64, organization: String, from: Int64, until: Int64) throws -> Int
}
