/// A store whose participants' organizations the organization pass keeps.
public protocol OrganizationStore: Sendable {
    /// Every participant: its id, key (address) and organization (registrable domain) as stored.
    func participantOrganizations() throws -> [(id: Int64, key: String, organization: String?)]
    /// Sets each participant's organization and its messages'; returns the messages changed.
    func storeOrganizations(_ changes: [(participant: Int64, organization: String?)]) throws -> Int
}
