import ListLensText

/// Answers, for an affiliations file, the questions the organization pass asks: which organization
/// an address's domain stands for, which dated periods a person has, which domains are personal,
/// and which organization a name given on the command line means.
///
/// Pure and built once per pass: every lookup is a dictionary read. Names, domains and addresses
/// compare case-insensitively.
public struct AffiliationResolver: Sendable {
    public let affiliations: Affiliations
    public let organizations: OrganizationResolver
    /// A file organization's domains, lowercased, to its name.
    private let byDomain: [String: String]
    /// A file organization's name and aliases, lowercased, to its name.
    private let byName: [String: String]
    /// An address (participant key) to the ``Affiliations/people`` entries that list it.
    private let peopleByAddress: [String: [Int]]
    /// Personal domains the file names.
    public let personalDomains: Set<String>

    public init(_ affiliations: Affiliations = Affiliations(), organizations: OrganizationResolver) {
        self.affiliations = affiliations
        let consumer = Set(affiliations.consumerDomains.map { $0.lowercased() })
        self.organizations = consumer.isEmpty ? organizations
            : OrganizationResolver(suffixes: organizations.suffixes, webmail: organizations.webmail.union(consumer))
        var byDomain: [String: String] = [:]
        var byName: [String: String] = [:]
        for o in affiliations.organizations {
            byName[o.name.lowercased()] = byName[o.name.lowercased()] ?? o.name
            for a in o.aliases { byName[a.lowercased()] = byName[a.lowercased()] ?? o.name }
            for d in o.domains { byDomain[d.lowercased()] = byDomain[d.lowercased()] ?? o.name }
        }
        self.byDomain = byDomain
        self.byName = byName
        var people: [String: [Int]] = [:]
        for (i, p) in affiliations.people.enumerated() {
            for e in p.emails { people[Identity.participantKey(address: e), default: []].append(i) }
        }
        peopleByAddress = people
        personalDomains = Set(affiliations.personalDomains.map { $0.lowercased() })
    }

    /// The organization a name means: a file organization by its name, an alias or one of its
    /// domains (`ibm.com` → `IBM`); otherwise the name itself, lowercased (a domain organization).
    public func canonicalOrganization(_ name: String) -> String {
        let n = name.lowercased()
        return byName[n] ?? byDomain[n] ?? byDomain[organizations.registrableDomain(n)] ?? n
    }

    /// The file organization that owns `domain` (the domain itself, or its registrable domain).
    public func fileOrganization(forDomain domain: String) -> String? {
        let d = domain.lowercased()
        return byDomain[d] ?? byDomain[organizations.registrableDomain(d)]
    }

    /// Where an address's domain puts it, before any dated period: a file organization owning the
    /// domain; none for a mail provider, an archive's stand-in, a personal domain the file names,
    /// a rewritten sender known by name only; else the registrable domain (`linux.ibm.com` → `ibm.com`).
    public func domainOrganization(of key: String) -> Placement {
        guard Identity.rewrittenParts(of: key) == nil, let domain = Identity.domain(of: key) else { return .unknown }
        if let name = fileOrganization(forDomain: domain) { return .organization(name, fromFile: true) }
        guard let registrable = organizations.organization(forAddress: key) else {
            return OrganizationResolver.archiveDomains.contains(domain) ? .unknown : .provider
        }
        if personalDomains.contains(registrable) || personalDomains.contains(domain) { return .personal(registrable) }
        return .organization(registrable, fromFile: false)
    }

    /// Where an address's domain puts it.
    public enum Placement: Sendable, Equatable {
        /// An organization: a file organization's name, or a registrable domain.
        case organization(String, fromFile: Bool)
        /// A webmail or ISP domain: the sender is an individual.
        case provider
        /// One person's own domain.
        case personal(String)
        /// No domain to go by (a rewritten sender known by name, an archive's stand-in address).
        case unknown

        public var organization: String? {
            if case .organization(let name, _) = self { return name }
            return nil
        }
    }

    /// The dated periods of the file's people that list any of `keys` (one person's addresses), in
    /// file order, each naming its organization as ``canonicalOrganization(_:)`` does.
    public func periods(forAddresses keys: [String]) -> [Affiliations.Period] {
        var entries = Set<Int>()
        for k in keys { for i in peopleByAddress[k] ?? [] { entries.insert(i) } }
        return entries.sorted().flatMap { i in
            affiliations.people[i].affiliations.compactMap { p -> Affiliations.Period? in
                guard p.instants != nil else { return nil }
                var q = p
                q.organization = periodOrganization(p.organization)
                return q
            }
        }
    }

    /// A period's organization as reports name it: a file organization's name when the period names
    /// it, an alias or a domain of it; a domain lowercased; any other name as written (`Intel`).
    func periodOrganization(_ name: String) -> String {
        let n = name.trimmingCharacters(in: " \t")
        let key = n.lowercased()
        if let known = byName[key] ?? byDomain[key] { return known }
        return n.contains(".") && !n.contains(" ") ? canonicalOrganization(key) : n
    }
}
