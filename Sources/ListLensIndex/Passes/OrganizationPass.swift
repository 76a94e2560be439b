import ListLensAnalysis

/// Keeps each participant's organization, and its messages', what the organization rules say
/// (``OrganizationResolver``: the registrable domain, none for webmail, ISPs and archive domains),
/// so a rule changed in a new version reaches a store without a re-import. It runs after every
/// import over all participants and writes only what changed.
///
/// The dated affiliations of the affiliations file will take this pass's place as what decides a
/// message's organization (docs/ARCHITECTURE.md).
public enum OrganizationPass {
    public struct Report: Sendable, Equatable, Codable {
        /// Participants whose organization changed, and their messages.
        public var participants = 0
        public var messages = 0
        public init() {}
    }

    public static func run(on store: some OrganizationStore, resolver: OrganizationResolver) throws -> Report {
        var report = Report()
        var changes: [(participant: Int64, organization: String?)] = []
        for p in try store.participantOrganizations() {
            let wanted = organization(of: p.key, resolver: resolver)
            if wanted != p.organization { changes.append((p.id, wanted)) }
        }
        guard !changes.isEmpty else { return report }
        report.participants = changes.count
        report.messages = try store.storeOrganizations(changes)
        return report
    }

    /// A participant key's organization: its address's, none for a rewritten sender known by name only.
    public static func organization(of key: String, resolver: OrganizationResolver) -> String? {
        guard Identity.rewrittenParts(of: key) == nil else { return nil }
        return resolver.organization(forAddress: key)
    }
}
