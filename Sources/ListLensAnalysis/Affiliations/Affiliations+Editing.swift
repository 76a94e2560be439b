/// Changes to an affiliations file, as `listlens affiliations import`, `set` and `merge` make them.
/// Each keeps what the file held and adds to it; none reorders what it does not touch.
extension Affiliations {
    /// What a change did, for the command to say.
    public struct Changes: Sendable, Equatable {
        public var organizationsAdded = 0
        public var organizationsUpdated = 0
        public var peopleAdded = 0
        public var peopleUpdated = 0
        public var periodsAdded = 0
        public init() {}
    }

    /// The index of the person entry listing any of `addresses` (participant keys), if one does.
    func personIndex(of addresses: [String]) -> Int? {
        let wanted = Set(addresses)
        return people.firstIndex { $0.emails.contains { wanted.contains(Identity.participantKey(address: $0)) } }
    }

    /// Adds `other` (an imported file): organizations by name, with domains and aliases added to a
    /// known one's; people by any shared address, with new addresses and periods added to a known
    /// one's; separate addresses, personal and provider domains, rule switches (the file's own win).
    @discardableResult
    public mutating func merge(_ other: Affiliations) -> Changes {
        var changes = Changes()
        for o in other.organizations {
            if let i = organizations.firstIndex(where: { $0.name.lowercased() == o.name.lowercased() }) {
                let before = organizations[i]
                for d in o.domains where !organizations[i].domains.contains(d) { organizations[i].domains.append(d) }
                for a in o.aliases where !organizations[i].aliases.contains(a) { organizations[i].aliases.append(a) }
                if organizations[i] != before { changes.organizationsUpdated += 1 }
            } else {
                organizations.append(o)
                changes.organizationsAdded += 1
            }
        }
        for p in other.people {
            let keys = p.emails.map { Identity.participantKey(address: $0) }
            guard let i = personIndex(of: keys) else {
                people.append(p)
                changes.peopleAdded += 1
                changes.periodsAdded += p.affiliations.count
                continue
            }
            let before = people[i]
            let known = Set(people[i].emails.map { Identity.participantKey(address: $0) })
            for (e, k) in zip(p.emails, keys) where !known.contains(k) { people[i].emails.append(e) }
            if people[i].name == nil { people[i].name = p.name }
            for a in p.affiliations where !people[i].affiliations.contains(a) {
                people[i].affiliations.append(a)
                changes.periodsAdded += 1
            }
            if people[i] != before { changes.peopleUpdated += 1 }
        }
        for s in other.separate where !separate.contains(s) { separate.append(s) }
        for d in other.personalDomains where !personalDomains.contains(d) { personalDomains.append(d) }
        for d in other.consumerDomains where !consumerDomains.contains(d) { consumerDomains.append(d) }
        for (rule, on) in other.identityRules where identityRules[rule] == nil { identityRules[rule] = on }
        return changes
    }

    /// Says that the person writing from `addresses` was at `organization` from `from` until `until`
    /// (either open): periods of theirs that overlap it are cut back or dropped, so the file says
    /// one thing for every day. The person entry is made when there is none.
    public mutating func setAffiliation(of addresses: [String], name: String? = nil, to organization: String,
                                        from: String? = nil, until: String? = nil) -> Changes {
        var changes = Changes()
        let keys = addresses.map { Identity.participantKey(address: $0) }
        let new = Period(organization: organization, from: from, until: until)
        guard let i = personIndex(of: keys) else {
            people.append(Person(name: name, emails: keys, affiliations: [new]))
            changes.peopleAdded = 1
            changes.periodsAdded = 1
            return changes
        }
        let known = Set(people[i].emails.map { Identity.participantKey(address: $0) })
        for k in keys where !known.contains(k) { people[i].emails.append(k) }
        if people[i].name == nil { people[i].name = name }
        let start = from.flatMap(Period.day), end = until.flatMap(Period.day)
        var kept: [Period] = []
        for p in people[i].affiliations {
            guard let span = p.instants else {
                kept.append(p)
                continue
            }
            // Disjoint: the old period ends before the new starts, or starts after it ends.
            if let s = start, let e = span.until, e <= s { kept.append(p); continue }
            if let e = end, let s = span.from, s >= e { kept.append(p); continue }
            // What sticks out before the new period, and after it.
            if let s = start, span.from.map({ $0 < s }) ?? true {
                kept.append(Period(organization: p.organization, from: p.from, until: from))
            }
            if let e = end, span.until.map({ $0 > e }) ?? true {
                kept.append(Period(organization: p.organization, from: until, until: p.until))
            }
        }
        kept.append(new)
        kept.sort { ($0.from.flatMap(Period.day) ?? .min) < ($1.from.flatMap(Period.day) ?? .min) }
        people[i].affiliations = kept
        changes.peopleUpdated = 1
        changes.periodsAdded = 1
        return changes
    }

    /// Says that `a` and `b` (each one person's addresses) are one person: their entries become one,
    /// or one is made. Addresses listed as separate stop being so.
    public mutating func join(_ a: [String], _ b: [String], name: String? = nil) -> Changes {
        var changes = Changes()
        let ka = a.map { Identity.participantKey(address: $0) }, kb = b.map { Identity.participantKey(address: $0) }
        separate.removeAll { (ka + kb).contains(Identity.participantKey(address: $0)) }
        switch (personIndex(of: ka), personIndex(of: kb)) {
        case (nil, nil):
            people.append(Person(name: name, emails: ka + kb.filter { !ka.contains($0) }))
            changes.peopleAdded = 1
        case (let i?, nil), (nil, let i?):
            let known = Set(people[i].emails.map { Identity.participantKey(address: $0) })
            for k in ka + kb where !known.contains(k) && !people[i].emails.contains(k) { people[i].emails.append(k) }
            if people[i].name == nil { people[i].name = name }
            changes.peopleUpdated = 1
        case (let i?, let j?) where i == j:
            break
        case (let i?, let j?):
            let other = people[j]
            let known = Set(people[i].emails.map { Identity.participantKey(address: $0) })
            for e in other.emails where !known.contains(Identity.participantKey(address: e)) { people[i].emails.append(e) }
            for p in other.affiliations where !people[i].affiliations.contains(p) { people[i].affiliations.append(p) }
            for k in ka + kb where !people[i].emails.contains(where: { Identity.participantKey(address: $0) == k }) { people[i].emails.append(k) }
            if people[i].name == nil { people[i].name = other.name ?? name }
            people.remove(at: j)
            changes.peopleUpdated = 1
        }
        return changes
    }
}
