import Foundation
import ListLensMail

/// What a community knows about its people and organizations, beyond what the mail says: the
/// contents of an affiliations file (docs/affiliations.md).
///
/// It names organizations with their domains and aliases, people with their addresses and dated
/// periods at organizations, addresses no rule may join to another, domains that are one person's,
/// domains of mail providers, and identity rules turned off. It is re-applied on every import and
/// report, so an edit changes every figure without a re-import.
///
/// ```yaml
/// organizations:
///   - name: IBM
///     domains: [ibm.com]
/// people:
///   - name: Andrew Jeffery
///     emails: [andrew@aj.id.au]
///     affiliations:
///       - organization: IBM
///         until: 2022-05-01
/// ```
public struct Affiliations: Sendable, Equatable, Codable {
    public var organizations: [Organization]
    public var people: [Person]
    /// Addresses no rule joins to another (a shared or placeholder address); each stays its own person
    /// unless a ``Person`` entry lists it with others.
    public var separate: [String]
    /// Domains that are one person's (a vanity domain): not an organization; their messages count for
    /// the person's dated affiliation when one is known, else for none.
    public var personalDomains: [String]
    /// Mail providers' domains (webmail, ISPs) beyond the shipped list (``ConsumerMailDomains``).
    public var consumerDomains: [String]
    /// Identity rules turned off (`same-name: false`); a rule not named stays on.
    public var identityRules: [String: Bool]

    public struct Organization: Sendable, Equatable, Codable {
        /// The name reports show (`IBM`).
        public var name: String
        /// Its mail domains; a subdomain (`linux.ibm.com`) counts with its registrable domain.
        public var domains: [String]
        /// Other spellings of its name in imported files (`International Business Machines`).
        public var aliases: [String]

        public init(name: String, domains: [String] = [], aliases: [String] = []) {
            self.name = name
            self.domains = domains
            self.aliases = aliases
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            domains = try c.decodeIfPresent([String].self, forKey: .domains) ?? []
            aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            if !domains.isEmpty { try c.encode(domains, forKey: .domains) }
            if !aliases.isEmpty { try c.encode(aliases, forKey: .aliases) }
        }

        enum CodingKeys: String, CodingKey { case name, domains, aliases }
    }

    /// One person: the addresses that are theirs (joined into one person whatever the rules say) and
    /// where they worked when.
    public struct Person: Sendable, Equatable, Codable {
        public var name: String?
        public var emails: [String]
        public var affiliations: [Period]

        public init(name: String? = nil, emails: [String], affiliations: [Period] = []) {
            self.name = name
            self.emails = emails
            self.affiliations = affiliations
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            emails = try c.decodeIfPresent([String].self, forKey: .emails) ?? []
            affiliations = try c.decodeIfPresent([Period].self, forKey: .affiliations) ?? []
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(name, forKey: .name)
            try c.encode(emails, forKey: .emails)
            if !affiliations.isEmpty { try c.encode(affiliations, forKey: .affiliations) }
        }

        enum CodingKeys: String, CodingKey { case name, emails, affiliations }
    }

    /// A stretch of time at one organization: from `from` (a day, inclusive) until `until` (the day
    /// it ended, exclusive, as gitdm's `< 2019-07-01` and Stackalytics' `end_date` mean it). Either
    /// end may be open. Days are `YYYY-MM-DD` in UTC.
    public struct Period: Sendable, Equatable, Codable {
        public var organization: String
        public var from: String?
        public var until: String?

        public init(organization: String, from: String? = nil, until: String? = nil) {
            self.organization = organization
            self.from = from
            self.until = until
        }

        /// The organization that stands for none: a stretch of time the person was unaffiliated
        /// (Stackalytics writes it so), when even a corporate address counts for no organization.
        public static let independent = "*independent"

        public var isIndependent: Bool { organization.lowercased() == Self.independent }

        /// The first second it covers and the first second after it (nil: open), or nil when a day is
        /// not a real `YYYY-MM-DD`.
        public var instants: (from: Int64?, until: Int64?)? {
            var start: Int64? = nil, end: Int64? = nil
            if let from {
                guard let day = Self.day(from) else { return nil }
                start = day
            }
            if let until {
                guard let day = Self.day(until) else { return nil }
                end = day
            }
            return (start, end)
        }

        /// Whether `epochSeconds` falls in the period (a message's date).
        public func contains(_ epochSeconds: Int64) -> Bool {
            guard let span = instants else { return false }
            if let s = span.from, epochSeconds < s { return false }
            if let e = span.until, epochSeconds >= e { return false }
            return true
        }

        /// The first second of a `YYYY-MM-DD` day.
        public static func day(_ text: String) -> Int64? {
            guard text.utf8.count == 10, let period = CalendarPeriod(text) else { return nil }
            return period.start
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            organization = try c.decode(String.self, forKey: .organization)
            from = try c.decodeIfPresent(String.self, forKey: .from)
            until = try c.decodeIfPresent(String.self, forKey: .until)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(organization, forKey: .organization)
            try c.encodeIfPresent(from, forKey: .from)
            try c.encodeIfPresent(until, forKey: .until)
        }

        enum CodingKeys: String, CodingKey { case organization, from, until }
    }

    public init(organizations: [Organization] = [], people: [Person] = [], separate: [String] = [],
                personalDomains: [String] = [], consumerDomains: [String] = [], identityRules: [String: Bool] = [:]) {
        self.organizations = organizations
        self.people = people
        self.separate = separate
        self.personalDomains = personalDomains
        self.consumerDomains = consumerDomains
        self.identityRules = identityRules
    }

    enum CodingKeys: String, CodingKey {
        case version, organizations, people, separate
        case personalDomains = "personal-domains", consumerDomains = "consumer-domains", identityRules = "identity-rules"
    }

    /// The file format's version; a file names it so a later format can read it.
    public static let version = 1

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let v = try c.decodeIfPresent(Int.self, forKey: .version), v > Self.version {
            throw DecodingError.dataCorruptedError(forKey: .version, in: c, debugDescription: "version \(v) is newer than this ListLens reads (\(Self.version))")
        }
        organizations = try c.decodeIfPresent([Organization].self, forKey: .organizations) ?? []
        people = try c.decodeIfPresent([Person].self, forKey: .people) ?? []
        separate = try c.decodeIfPresent([String].self, forKey: .separate) ?? []
        personalDomains = try c.decodeIfPresent([String].self, forKey: .personalDomains) ?? []
        consumerDomains = try c.decodeIfPresent([String].self, forKey: .consumerDomains) ?? []
        identityRules = try c.decodeIfPresent([String: Bool].self, forKey: .identityRules) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.version, forKey: .version)
        if !organizations.isEmpty { try c.encode(organizations, forKey: .organizations) }
        if !people.isEmpty { try c.encode(people, forKey: .people) }
        if !separate.isEmpty { try c.encode(separate, forKey: .separate) }
        if !personalDomains.isEmpty { try c.encode(personalDomains, forKey: .personalDomains) }
        if !consumerDomains.isEmpty { try c.encode(consumerDomains, forKey: .consumerDomains) }
        if !identityRules.isEmpty { try c.encode(identityRules, forKey: .identityRules) }
    }

    /// The identity rules in force: all but those the file turns off.
    public var rules: Set<IdentityRule> {
        Set(IdentityRule.allCases.filter { identityRules[$0.rawValue] ?? true })
    }

    /// The addresses each person entry joins (participant keys), with the entry's name.
    public var joinedAddresses: [(name: String?, keys: [String])] {
        people.filter { $0.emails.count > 1 }.map { p in (p.name, p.emails.map { Identity.participantKey(address: $0) }) }
    }

    /// The name each person entry gives its addresses (participant keys); the first entry wins.
    public var names: [String: String] {
        var result: [String: String] = [:]
        for p in people {
            guard let name = p.name, !name.isEmpty else { continue }
            for e in p.emails { result[Identity.participantKey(address: e)] = result[Identity.participantKey(address: e)] ?? name }
        }
        return result
    }

    /// Addresses no rule joins to another, as participant keys.
    public var separateAddresses: Set<String> {
        Set(separate.map { Identity.participantKey(address: $0) })
    }

    /// What in the file cannot be used, each with where it is: a period with a day that is not a
    /// real `YYYY-MM-DD` or that ends before it starts, an organization named by no entry, an
    /// address without `@`, a rule name ListLens does not know. Reading the file fails with these.
    public var problems: [String] {
        var found: [String] = []
        for (i, o) in organizations.enumerated() {
            if o.name.trimmingCharacters(in: .whitespaces).isEmpty { found.append("organizations[\(i)]: an organization needs a name") }
        }
        for (i, p) in people.enumerated() {
            let who = "people[\(i)]" + (p.name.map { " (\($0))" } ?? "")
            if p.emails.isEmpty { found.append("\(who): a person needs at least one address under emails") }
            for e in p.emails where !e.contains("@") { found.append("\(who): \"\(e)\" is not an address") }
            for (k, a) in p.affiliations.enumerated() {
                let at = "\(who).affiliations[\(k)]"
                guard let span = a.instants else {
                    found.append("\(at): dates are written YYYY-MM-DD (from: \(a.from ?? "-"), until: \(a.until ?? "-"))")
                    continue
                }
                if let s = span.from, let e = span.until, e <= s { found.append("\(at): until \(a.until!) is not after from \(a.from!)") }
                if a.organization.trimmingCharacters(in: .whitespaces).isEmpty { found.append("\(at): the organization is empty") }
            }
        }
        for e in separate where !e.contains("@") { found.append("separate: \"\(e)\" is not an address") }
        let known = Set(IdentityRule.allCases.map(\.rawValue))
        for r in identityRules.keys.sorted() where !known.contains(r) {
            found.append("identity-rules: \"\(r)\" is not a rule (rules: \(IdentityRule.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return found
    }
}
