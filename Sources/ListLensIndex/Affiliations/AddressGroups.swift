import ListLensAnalysis

/// Addresses joined into groups, one person's each (union-find by address), keeping the order in
/// which each group's addresses were first seen. For the identity files affiliations import reads.
struct AddressGroups {
    private var index: [String: Int] = [:]
    private var addresses: [String] = []
    private var sets = DisjointSets(count: 0)

    /// The index of `address`, added if new.
    @discardableResult
    mutating func add(_ address: String) -> Int {
        if let i = index[address] { return i }
        let i = addresses.count
        index[address] = i
        addresses.append(address)
        sets.append()
        return i
    }

    mutating func join(_ a: String, _ b: String) {
        let i = add(a), j = add(b)
        sets.union(i, j)
    }

    /// The group `address` is in (its first address's index), nil when unknown.
    mutating func group(of address: String) -> Int? {
        index[address].map { sets.find($0) }
    }

    /// Every group, its addresses in first-seen order; groups in the order of their first address.
    var groups: [[String]] {
        var copy = sets
        var members: [Int: [String]] = [:]
        var order: [Int] = []
        for (i, a) in addresses.enumerated() {
            let root = copy.find(i)
            if members[root] == nil { order.append(root) }
            members[root, default: []].append(a)
        }
        return order.map { members[$0]! }
    }
}
