import ListLensAnalysis

/// Decides which organization every message counts for (docs/organizations.md): the sender's dated
/// affiliation at the message's date first (the affiliations file), then the organization of the
/// address's domain, then none (mail providers, personal domains, senders with no domain).
///
/// It runs after every import and removal over all participants, and before a report when the
/// affiliations file changed since it last ran, so an edit reaches every figure without a
/// re-import. It writes only what changed: one statement per participant, and one per message
/// only for the people the file dates.
public enum AffiliationPass {
    public struct Report: Sendable, Equatable, Codable {
        /// Messages whose organization changed in this run.
        public var messages = 0
        /// Persons the file gives dated periods who have messages in the store.
        public var datedPersons = 0
        /// Domains taken as one person's own, each with that person's name where known.
        public var personalDomains: [PersonalDomainUse] = []

        public init() {}
    }

    public struct PersonalDomainUse: Sendable, Equatable, Codable {
        public var domain: String
        public var person: String?
        /// Whether the affiliations file names it (else the rule in ``PersonalDomain`` found it).
        public var listed: Bool
    }

    /// A digest of what the pass applies: the file's bytes (none: no file) and the pass's rules' version.
    public static func digest(ofFile bytes: [UInt8]?) -> String {
        guard let bytes else { return "v\(version):none" }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325   // FNV-1a, 64 bits: enough to notice an edit
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return "v\(version):\(bytes.count):" + String(hash, radix: 16)
    }

    /// Bumped when the rules change, so stores credited by older rules are credited again.
    public static let version = 1

    public static func run(on store: some OrganizationStore, resolver: AffiliationResolver, digest: String) throws -> Report {
        var report = Report()
        let participants = try store.creditedParticipants()
        var placements = participants.map { resolver.domainOrganization(of: $0.key) }

        // Personal domains found by rule: a registrable domain (not the file's) written from by one
        // person only, that shows it is theirs.
        var personsByDomain: [String: Set<Int64>] = [:]
        for (i, p) in participants.enumerated() {
            if case .organization(let name, fromFile: false) = placements[i] { personsByDomain[name, default: []].insert(p.person) }
        }
        var names: [Int64: String] = [:]
        for p in participants { if let n = p.personName { names[p.person] = n } }
        var found: [String: PersonalDomainUse] = [:]
        for (domain, persons) in personsByDomain where persons.count == 1 {
            let person = persons.first!
            if PersonalDomain.isPersonal(domain: domain, personName: names[person].flatMap(PersonName.key)) {
                found[domain] = PersonalDomainUse(domain: domain, person: names[person], listed: false)
            }
        }
        for (i, p) in participants.enumerated() {
            switch placements[i] {
            case .organization(let name, fromFile: false) where found[name] != nil:
                placements[i] = .personal(name)
            case .personal(let domain) where found[domain] == nil:
                found[domain] = PersonalDomainUse(domain: domain, person: names[p.person], listed: true)
            default: break
            }
        }
        report.personalDomains = found.values.sorted { $0.domain < $1.domain }

        // Dated periods, by person: any address the file lists gives the person its periods.
        var keysByPerson: [Int64: [String]] = [:]
        for p in participants { keysByPerson[p.person, default: []].append(p.key) }
        var periodsByPerson: [Int64: [OrganizationCredit.Period]] = [:]
        for (person, keys) in keysByPerson {
            let periods = resolver.periods(forAddresses: keys).compactMap { p -> OrganizationCredit.Period? in
                guard let span = p.instants else { return nil }
                return OrganizationCredit.Period(from: span.from, until: span.until,
                                                 organization: p.isIndependent ? nil : p.organization)
            }
            if !periods.isEmpty { periodsByPerson[person] = periods }
        }
        report.datedPersons = periodsByPerson.count
        let credits = participants.enumerated().map { i, p in
            OrganizationCredit(participant: p.id, organization: placements[i].organization, periods: periodsByPerson[p.person] ?? [])
        }
        report.messages = try store.storeCredits(credits, digest: digest)
        return report
    }
}
