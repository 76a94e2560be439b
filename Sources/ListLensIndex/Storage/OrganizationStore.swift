/// A store whose participants' and messages' organizations the affiliation pass keeps.
public protocol OrganizationStore: Sendable {
    /// Every participant with its person (the anchor id) and that person's name, in id order.
    func creditedParticipants() throws -> [CreditedParticipant]
    /// Applies each credit (the participant's own organization, and each of its messages' by date)
    /// and records `digest` as the affiliations applied; returns the messages whose organization changed.
    func storeCredits(_ credits: [OrganizationCredit], digest: String) throws -> Int
    /// The digest ``storeCredits(_:digest:)`` last recorded, or nil when none was.
    func appliedAffiliationsDigest() throws -> String?
}
