/// Joins sender addresses into persons by the ``IdentityRule``s, keeping for each address the join
/// that brought it in and its evidence, so `listlens people --explain` can show why.
///
/// Pure: the caller reads the addresses and the names each one sent under, and stores the result.
/// A person is known by its *anchor*, the member with the lowest id (the first address stored), so
/// its id lasts from one import to the next. Linear in the addresses and names it is given, apart
/// from sorting; no recursion.
///
/// ```swift
/// let merged = IdentityMerger().merge([
///     .init(id: 1, address: "glyph@twistedmatrix.com", messages: 2652, names: [.init(name: "Glyph Lefkowitz", messages: 2652)]),
///     .init(id: 2, address: "glyph@divmod.com", messages: 712, names: [.init(name: "Glyph Lefkowitz", messages: 710)]),
/// ])
/// // merged.members[1]: person 1, joined to 1 by same-name, "Glyph Lefkowitz" on 710 of 712 messages …
/// ```
public struct IdentityMerger: Sendable {
    /// One stored sender address and the display names its messages carried.
    public struct Sender: Sendable, Equatable {
        public var id: Int64
        public var address: String
        public var messages: Int
        public var names: [NameUse]
        public var automated: AutomatedSender.Reason?

        public init(id: Int64, address: String, messages: Int, names: [NameUse], automated: AutomatedSender.Reason? = nil) {
            self.id = id
            self.address = address
            self.messages = messages
            self.names = names
            self.automated = automated
        }
    }

    public struct NameUse: Sendable, Equatable {
        public var name: String
        public var messages: Int
        public init(name: String, messages: Int) {
            self.name = name
            self.messages = messages
        }
    }

    /// Where one address stands: its person, and the join that brought it in (nil for the anchor).
    public struct Member: Sendable, Equatable {
        public var person: Int64
        public var joinedTo: Int64?
        public var rule: IdentityRule?
        public var evidence: String?

        public init(person: Int64, joinedTo: Int64? = nil, rule: IdentityRule? = nil, evidence: String? = nil) {
            self.person = person
            self.joinedTo = joinedTo
            self.rule = rule
            self.evidence = evidence
        }
    }

    public struct Result: Sendable, Equatable {
        /// Every sender given, by id.
        public var members: [Int64: Member] = [:]
        /// Each person's name: the name its addresses used most (nil when none carried one), by anchor id.
        public var names: [Int64: String] = [:]
        /// Full names shared by more than ``maxAddressesPerName`` addresses: too common to join anyone.
        public var crowdedNames: [String] = []
        public init() {}
    }

    /// The rules in force; all by default.
    public var rules: Set<IdentityRule>
    /// `lists` are the store's list names: their addresses carry the names of the people whose mail
    /// the list rewrote (DMARC), so they join nobody by name.
    public var lists: Set<String>

    /// A full name used by more addresses than this joins none of them (a common name, a spammer's).
    public static let maxAddressesPerName = 30
    /// A name is an address's own when it is on at least this share of the address's named messages…
    public static let ownNameShare = 0.25
    /// …or on at least this many of them.
    public static let ownNameMessages = 3
    /// An address whose own full names could not all be one person's is shared (a family's or a
    /// team's address): it joins no one by name. Two full names can be one person's when their first
    /// words are the same (`Zooko O'Whielacronx` and `Zooko Wilcox-O'Hearn`, a name changed), or
    /// their last words are and the first words are one name's forms: one starts the other
    /// (`Chris`, `Christopher`), they share three letters (`Steve`, `Stephen`), or one is the
    /// other's initials (`Jp Calderone`, `Jean-Paul Calderone`). `Ann Lee` and `Bob Lee` are two people.
    static func isShared(_ keys: [String]) -> Bool {
        let names = keys.map { $0.split(separator: " ") }
        for i in names.indices {
            for j in names.indices where j > i {
                if !compatible(names[i], names[j]) { return true }
            }
        }
        return false
    }

    static func compatible(_ a: [Substring], _ b: [Substring]) -> Bool {
        guard let fa = a.first, let fb = b.first, let la = a.last, let lb = b.last else { return false }
        if fa == fb { return true }
        guard la == lb else { return false }
        if fa.hasPrefix(fb) || fb.hasPrefix(fa) { return true }
        if fa.count >= 3, fb.count >= 3, fa.prefix(3) == fb.prefix(3) { return true }
        func initials(_ n: [Substring]) -> String { String(n.dropLast().compactMap(\.first)) }
        return String(fa) == initials(b) || String(fb) == initials(a)
    }

    /// Local parts that stand for a role, not a person: `info@`, `admin@`, `root@` join nobody by name.
    public static let roleLocalParts: Set<String> = [
        "info", "admin", "administrator", "root", "webmaster", "postmaster", "hostmaster", "support", "contact",
        "office", "sales", "help", "helpdesk", "team", "staff", "mail", "email", "list", "lists-owner", "owner",
        "security", "abuse", "press", "marketing", "hello", "hi", "dev", "devel", "users", "user", "test",
        "nobody", "anonymous", "noc", "ops", "it", "hr", "jobs", "careers", "billing", "service", "services",
    ]

    /// Addresses an affiliations file lists as one person's (participant keys), with the name it gives.
    public var listed: [(name: String?, keys: [String])]
    /// Addresses no rule joins to another (a shared or placeholder address), unless ``listed`` joins them.
    public var separate: Set<String>

    public init(rules: Set<IdentityRule> = Set(IdentityRule.allCases), lists: Set<String> = [],
                listed: [(name: String?, keys: [String])] = [], separate: Set<String> = []) {
        self.rules = rules
        self.lists = lists
        self.listed = listed
        self.separate = separate
    }

    public func merge(_ senders: [Sender]) -> Result {
        let order = senders.indices.sorted { senders[$0].id < senders[$1].id }
        var edges: [Edge] = []
        var crowded: [String] = []
        if rules.contains(.affiliationsFile) { edges += listedEdges(senders) }
        // The rules below leave a separate address alone.
        let ruled = separate.isEmpty ? order : order.filter { !separate.contains(senders[$0].address.lowercased()) }
        if rules.contains(.sameMailbox) { edges += mailboxEdges(senders, ruled) }
        let owners = nameOwners(senders, ruled)
        if rules.contains(.sameName) { edges += nameEdges(senders, owners, crowded: &crowded) }
        if rules.contains(.rewrittenName) { edges += rewrittenEdges(senders, ruled, owners, joined: edges) }
        var result = assemble(senders, order, edges)
        result.crowdedNames = crowded
        return result
    }

    struct Edge {
        var from: Int   // index of the member already in the group (its lowest id)
        var to: Int
        var rule: IdentityRule
        var evidence: String
    }

    // MARK: Rules

    /// The addresses of each ``listed`` person that the store holds, joined to the first of them.
    private func listedEdges(_ senders: [Sender]) -> [Edge] {
        guard !listed.isEmpty else { return [] }
        var index: [String: Int] = [:]
        for (i, s) in senders.enumerated() { index[s.address.lowercased()] = index[s.address.lowercased()] ?? i }
        var edges: [Edge] = []
        for group in listed {
            let present = Array(Set(group.keys.compactMap { index[$0] })).sorted { senders[$0].id < senders[$1].id }
            guard let first = present.first else { continue }
            let who = group.name.map { "\"\($0)\"" } ?? "one person"
            for other in present.dropFirst() {
                edges.append(Edge(from: first, to: other, rule: .affiliationsFile,
                                  evidence: "the affiliations file lists \(senders[other].address) and \(senders[first].address) under \(who)"))
            }
        }
        return edges
    }

    /// `ann+x@h` and `ann@h`; Gmail without dots, `googlemail.com` as `gmail.com`.
    static func mailbox(_ address: String) -> String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        var local = address[..<at].lowercased()
        var domain = address[address.index(after: at)...].lowercased()
        // An archive's stand-in address (Gmane's `user-HASH@public.gmane.org`) has no subaddress: its `+` is the hash's.
        if let plus = local.firstIndex(of: "+"), plus != local.startIndex, !OrganizationResolver.archiveDomains.contains(domain) {
            local = String(local[..<plus])
        }
        if domain == "googlemail.com" { domain = "gmail.com" }
        if domain == "gmail.com" { local.removeAll { $0 == "." } }
        guard !local.isEmpty else { return nil }
        return local + "@" + domain
    }

    private func mailboxEdges(_ senders: [Sender], _ order: [Int]) -> [Edge] {
        var groups: [String: [Int]] = [:]
        for i in order where senders[i].automated == nil {
            guard let box = Self.mailbox(senders[i].address) else { continue }
            groups[box, default: []].append(i)
        }
        var edges: [Edge] = []
        for (box, members) in groups.sorted(by: { $0.key < $1.key }) where members.count > 1 {
            let first = members[0]
            for other in members.dropFirst() {
                edges.append(Edge(from: first, to: other, rule: .sameMailbox,
                                  evidence: "\(senders[other].address) and \(senders[first].address) are the mailbox \(box)"))
            }
        }
        return edges
    }

    /// The full-name keys an address uses as its own, with the messages that carried each.
    func ownNames(_ s: Sender) -> [(key: String, messages: Int)] {
        var uses: [String: Int] = [:]
        var named = 0
        for n in s.names {
            named += n.messages
            guard let k = PersonName.key(n.name) else { continue }
            uses[k, default: 0] += n.messages
        }
        guard named > 0 else { return [] }
        return uses.filter { Double($0.value) >= Double(named) * Self.ownNameShare || $0.value >= Self.ownNameMessages }
            .sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Whether an address may join others by name at all.
    func joinsByName(_ s: Sender) -> Bool {
        guard s.automated == nil, let at = s.address.lastIndex(of: "@") else { return false }
        var local = s.address[..<at].lowercased()
        if let plus = local.firstIndex(of: "+") { local = String(local[..<plus]) }
        return !Self.roleLocalParts.contains(local) && !lists.contains(local)
    }

    /// For each full name, the addresses that may join by it and use it as their own, in id order.
    private func nameOwners(_ senders: [Sender], _ order: [Int]) -> [String: [(index: Int, messages: Int)]] {
        var groups: [String: [(index: Int, messages: Int)]] = [:]
        for i in order where joinsByName(senders[i]) {
            let own = ownNames(senders[i])
            guard !Self.isShared(own.map(\.key)) else { continue }
            for n in own { groups[n.key, default: []].append((i, n.messages)) }
        }
        return groups
    }

    private func nameEdges(_ senders: [Sender], _ owners: [String: [(index: Int, messages: Int)]], crowded: inout [String]) -> [Edge] {
        var edges: [Edge] = []
        for (key, members) in owners.sorted(by: { $0.key < $1.key }) where members.count > 1 {
            guard members.count <= Self.maxAddressesPerName else {
                crowded.append(key)
                continue
            }
            let first = members[0]
            for other in members.dropFirst() {
                let a = senders[first.index], b = senders[other.index]
                let shown = displayName(of: key, in: [a, b])
                edges.append(Edge(from: first.index, to: other.index, rule: .sameName, evidence:
                    "\"\(shown)\" on \(other.messages) of \(b.messages) messages from \(b.address) and \(first.messages) of \(a.messages) from \(a.address)"))
            }
        }
        return edges
    }

    /// A rewritten sender (``Identity/rewrittenKey(listAddress:name:)``) joins the owners of its
    /// name when they are one person by the joins so far.
    private func rewrittenEdges(_ senders: [Sender], _ order: [Int], _ owners: [String: [(index: Int, messages: Int)]],
                                joined: [Edge]) -> [Edge] {
        var sets = DisjointSets(count: senders.count)
        for e in joined { sets.union(e.from, e.to) }
        var edges: [Edge] = []
        for i in order where senders[i].automated == nil {
            guard let parts = Identity.rewrittenParts(of: senders[i].address),
                  let candidates = owners[String(parts.name)], !candidates.isEmpty,
                  candidates.count <= Self.maxAddressesPerName,
                  Set(candidates.map { sets.find($0.index) }).count == 1 else { continue }
            let owner = candidates[0]
            let shown = displayName(of: String(parts.name), in: [senders[owner.index]])
            edges.append(Edge(from: owner.index, to: i, rule: .rewrittenName, evidence:
                "\(parts.listAddress) rewrote the From of \(senders[i].messages) messages by \"\(shown)\", the name of \(senders[owner.index].address) (\(owner.messages) of \(senders[owner.index].messages) messages)"))
        }
        return edges
    }

    /// The spelling of a name key the senders used most.
    private func displayName(of key: String, in senders: [Sender]) -> String {
        var best: NameUse?
        for s in senders {
            for n in s.names where PersonName.key(n.name) == key {
                if best == nil || n.messages > best!.messages { best = n }
            }
        }
        return best?.name ?? key
    }

    // MARK: Persons

    private func assemble(_ senders: [Sender], _ order: [Int], _ edges: [Edge]) -> Result {
        var result = Result()
        // The joins that first connect two groups make a spanning forest.
        var sets = DisjointSets(count: senders.count)
        var tree: [Int: [(other: Int, edge: Int)]] = [:]
        for (k, e) in edges.enumerated() where sets.union(e.from, e.to) {
            tree[e.from, default: []].append((e.to, k))
            tree[e.to, default: []].append((e.from, k))
        }
        // Each group's anchor is its lowest id: `order` meets it first. Walk the joins out from it.
        var seen = [Bool](repeating: false, count: senders.count)
        for anchor in order where !seen[anchor] {
            let person = senders[anchor].id
            seen[anchor] = true
            result.members[person] = Member(person: person)
            var queue = [anchor]
            var head = 0
            var nameUses: [String: Int] = [:]
            while head < queue.count {
                let x = queue[head]
                head += 1
                for n in senders[x].names { nameUses[n.name, default: 0] += n.messages }
                for (other, k) in tree[x] ?? [] where !seen[other] {
                    seen[other] = true
                    let e = edges[k]
                    result.members[senders[other].id] = Member(person: person, joinedTo: senders[x].id, rule: e.rule, evidence: e.evidence)
                    queue.append(other)
                }
            }
            // The most used full name (`Glyph Lefkowitz` over `Glyph`), else the most used name; on a
            // tie, one written first name first (`Jean-Paul Calderone` over `Calderone, Jean-Paul`).
            let full = nameUses.filter { PersonName.key($0.key) != nil }
            func rank(_ e: (key: String, value: Int)) -> (Int, Int) { (e.value, e.key.contains(",") ? 0 : 1) }
            if let name = (full.isEmpty ? nameUses : full).max(by: { rank($0) < rank($1) || (rank($0) == rank($1) && $0.key > $1.key) })?.key {
                result.names[person] = name
            }
        }
        return result
    }
}
