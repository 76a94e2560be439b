import ListLensAnalysis
import ListLensMail

/// Proposes dated affiliations from what the mail shows (`listlens affiliations suggest`,
/// docs/affiliations.md), for a user to accept into the affiliations file:
///
/// - **domain:** a person wrote from an address whose domain is an organization's: they were there
///   from the first such message to the last;
/// - **signature:** a person writing from an address of no organization (webmail, a personal domain)
///   signed with an organization's name (``SignatureOrganizations``), in a signature or in a
///   sign-off under their name at the end of their text: there from the first such message to the last.
///
/// Each person's evidence is joined per organization into one span, from its first day to the day
/// after its last; where two organizations' spans overlap, neither is suggested for the overlap
/// (the mail says both there). People the file already dates are left alone: the file is the user's word. A suggestion
/// is shown only when it would change how some message counts, unless every one is asked for.
public struct AffiliationSuggester: Sendable {
    public struct Options: Sendable, Equatable {
        /// Messages of evidence a period needs, all kinds together.
        public var minimumEvidence = 2
        /// Also suggest periods that change no message's organization.
        public var includingUnchanged = false
        /// Only this person's suggestions.
        public var person: Int64?
        /// Domain organizations count as signature names only when this many persons write from them.
        public var namedByPersons = 2

        public init() {}
    }

    public let resolver: AffiliationResolver
    public let options: Options

    public init(resolver: AffiliationResolver, options: Options = Options()) {
        self.resolver = resolver
        self.options = options
    }

    public func suggestions(from store: some AffiliationEvidenceStore) throws -> [AffiliationSuggestion] {
        let uses = try store.addressUses().filter { options.person == nil || $0.person == options.person }
        var addresses: [Int64: [String]] = [:], names: [Int64: String] = [:]
        for u in uses {
            // A name-only author (`LIST#name`, docs/participants.md) has no address to list.
            if Identity.rewrittenParts(of: u.address) == nil { addresses[u.person, default: []].append(u.address) }
            if let n = u.personName { names[u.person] = n }
        }
        // The file's word stands: people it dates get no suggestion.
        let dated = Set(addresses.filter { !resolver.periods(forAddresses: $0.value).isEmpty }.keys)

        var evidence: [Key: [Seen]] = [:]
        for u in uses where !dated.contains(u.person) {
            guard let organization = u.organization, let first = u.first, let last = u.last else { continue }
            evidence[Key(person: u.person, organization: organization), default: []]
                .append(Seen(kind: .domain, address: u.address, messages: u.messages, first: first, last: last, text: nil))
        }

        let finder = SignatureOrganizations(names: try signatureNames(store))
        if !finder.isEmpty {
            try store.signedMessagesWithoutOrganization { m in
                guard !dated.contains(m.person), options.person == nil || m.person == options.person else { return }
                var named = finder.organizations(in: m.signature)
                if let name = m.name, let closing = SignatureOrganizations.closing(of: m.closing, name: name) {
                    for found in finder.organizations(in: closing) where !named.contains(where: { $0.organization == found.organization }) {
                        named.append(found)
                    }
                }
                for (organization, line) in named {
                    let key = Key(person: m.person, organization: organization)
                    var seen = evidence[key] ?? []
                    if let i = seen.firstIndex(where: { $0.kind == .signature && $0.address == m.address }) {
                        seen[i].messages += 1
                        seen[i].first = min(seen[i].first, m.date)
                        seen[i].last = max(seen[i].last, m.date)
                    } else {
                        seen.append(Seen(kind: .signature, address: m.address, messages: 1, first: m.date, last: m.date, text: line))
                    }
                    evidence[key] = seen
                }
            }
        }

        // One span per person and organization; where two organizations' spans overlap the mail
        // says both, so neither is suggested there (a period would credit the other's messages to it).
        var periods: [Int64: [(organization: String, from: Int64, until: Int64, seen: [Seen])]] = [:]
        for (key, seen) in evidence where seen.reduce(0, { $0 + $1.messages }) >= options.minimumEvidence {
            let first = seen.map(\.first).min()!, last = seen.map(\.last).max()!
            guard let from = Self.dayStart(first), let end = Self.dayStart(last), case (let until, false) = end.addingReportingOverflow(86_400) else { continue }
            periods[key.person, default: []].append((key.organization, from, until, seen.sorted { ($0.first, $0.address) < ($1.first, $1.address) }))
        }
        var out: [AffiliationSuggestion] = []
        for (person, list) in periods {
            for p in list {
                let others = list.filter { $0.organization != p.organization }.map { (from: $0.from, until: $0.until) }
                for part in Self.subtract(others, from: (p.from, p.until)) {
                    let changes = try store.messagesCountingElsewhere(person: person, organization: p.organization, from: part.from, until: part.until)
                    guard changes > 0 || options.includingUnchanged else { continue }
                    out.append(AffiliationSuggestion(
                        personID: person, name: names[person], addresses: addresses[person] ?? [], organization: p.organization,
                        from: Self.day(part.from), until: Self.day(part.until), changes: changes,
                        evidence: p.seen.map { .init(kind: $0.kind, address: $0.address, messages: $0.messages,
                                                     firstMessage: Self.day($0.first), lastMessage: Self.day($0.last), text: $0.text) }))
                }
            }
        }
        return out.sorted { ($1.changes, $0.name ?? "", $0.personID, $0.from) < ($0.changes, $1.name ?? "", $1.personID, $1.from) }
    }

    /// The names signatures are searched for: the file's organizations (name, aliases, domains) and
    /// the domain organizations enough persons write from.
    func signatureNames(_ store: some AffiliationEvidenceStore) throws -> [(organization: String, names: [String])] {
        let registrable = { (d: String) in resolver.organizations.registrableDomain(d) }
        var out: [(organization: String, names: [String])] = resolver.affiliations.organizations.map {
            ($0.name, SignatureOrganizations.names(of: $0.name, aliases: $0.aliases, domains: $0.domains, registrable: registrable))
        }
        let fileNames = Set(resolver.affiliations.organizations.map { $0.name.lowercased() })
        for name in try store.organizations(writtenFromByAtLeast: options.namedByPersons) where !fileNames.contains(name.lowercased()) {
            out.append((name, SignatureOrganizations.names(of: name, registrable: registrable)))
        }
        return out
    }

    /// A person and an organization, which evidence is gathered for.
    struct Key: Hashable {
        var person: Int64
        var organization: String
    }

    /// Evidence as it is gathered.
    struct Seen {
        var kind: AffiliationSuggestion.Evidence.Kind
        var address: String
        var messages: Int
        var first: Int64
        var last: Int64
        var text: String?
    }

    /// What is left of `span` (`from..<until`) outside every one of `others`, in order.
    static func subtract(_ others: [(from: Int64, until: Int64)], from span: (from: Int64, until: Int64)) -> [(from: Int64, until: Int64)] {
        var left = [span]
        for o in others {
            left = left.flatMap { part -> [(from: Int64, until: Int64)] in
                guard o.from < part.until, o.until > part.from else { return [part] }
                return [(part.from, o.from), (o.until, part.until)].filter { $0.0 < $0.1 }
            }
        }
        return left
    }

    /// The start of the UTC day holding `seconds`.
    static func dayStart(_ seconds: Int64) -> Int64? {
        let (days, remainder) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let day = remainder < 0 ? days - 1 : days
        let (start, overflow) = day.multipliedReportingOverflow(by: 86_400)
        return overflow ? nil : start
    }

    /// `YYYY-MM-DD` of the UTC day holding `seconds`.
    static func day(_ seconds: Int64) -> String { String(MailDate(epochSeconds: seconds).rfc3339.prefix(10)) }
}
