import ListLensAnalysis

/// Joins the store's sender addresses into persons (``IdentityMerger``) and stores each join with
/// its rule and evidence, for reports to count people and for `listlens people --explain`.
///
/// It runs after every import (after ``AutomatedSenderPass``, whose flags keep systems out of
/// joins by name) over all participants, and writes only what changed: a new address with a
/// known name joins its person without a re-import, and a change of rules reaches every address.
/// It holds every participant's names at once: a few hundred bytes per address.
public enum IdentityPass {
    public struct Report: Sendable, Equatable, Codable {
        /// Sender addresses, and the persons they make.
        public var addresses = 0
        public var persons = 0
        /// Addresses joined to another, by rule.
        public var joined: [String: Int] = [:]
        /// Participants whose join changed in this run.
        public var changed = 0
        /// Full names too common to join anyone (``IdentityMerger/maxAddressesPerName``).
        public var crowdedNames = 0

        public init() {}
    }

    /// `affiliations` adds the joins and separate addresses the user wrote down, and turns off the
    /// rules it names; `rules`, when given, replaces the file's choice of rules.
    public static func run(on store: some ParticipantStore, affiliations: Affiliations = Affiliations(),
                           rules: Set<IdentityRule>? = nil) throws -> Report {
        let lists = Set(try store.listNames().map { $0.lowercased() })
        let stored = try store.storedIdentities()
        let merger = IdentityMerger(rules: rules ?? affiliations.rules, lists: lists,
                                    listed: affiliations.joinedAddresses, separate: affiliations.separateAddresses)
        let result = merger.merge(stored.map(\.sender))
        var report = Report()
        report.addresses = stored.count
        report.crowdedNames = result.crowdedNames.count
        var changed: [Int64: IdentityMerger.Member] = [:]
        var keys: [Int64: String] = [:]
        // A name the file gives a person's address is the person's name (a .mailmap's proper name).
        let fileNames = affiliations.names
        var names = result.names
        var named = Set<Int64>()
        for s in stored {
            keys[s.sender.id] = s.sender.address
            guard let m = result.members[s.sender.id] else { continue }
            if !named.contains(m.person), let name = fileNames[s.sender.address] {
                names[m.person] = name
                named.insert(m.person)
            }
            if let rule = m.rule { report.joined[rule.rawValue, default: 0] += 1 }
            if m != s.member { changed[s.sender.id] = m }
        }
        let persons = result.members.values.filter { $0.joinedTo == nil }.map(\.person).sorted().map {
            StoredPerson(id: $0, key: keys[$0] ?? "", name: names[$0])
        }
        report.persons = persons.count
        report.changed = changed.count
        let before = try store.storedPersons()
        let wanted = Set(persons.map(\.id))
        let removing = before.map(\.id).filter { !wanted.contains($0) }
        let known = Dictionary(before.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let rewritten = persons.filter { known[$0.id] != $0 }
        if !changed.isEmpty || !rewritten.isEmpty || !removing.isEmpty {
            try store.storePersons(members: changed, persons: rewritten, removing: removing)
        }
        return report
    }
}
