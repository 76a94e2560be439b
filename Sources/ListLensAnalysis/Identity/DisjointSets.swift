/// Union–find over `0..<count`: iterative, with path halving, so no input makes it recurse.
package struct DisjointSets: Sendable {
    private var parent: [Int]

    package init(count: Int) { parent = Array(0..<count) }

    /// Adds one more element, in a set of its own.
    package mutating func append() { parent.append(parent.count) }

    /// The representative of `x`'s set.
    package mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    /// Joins the sets of `a` and `b`; false when they were one already.
    @discardableResult
    package mutating func union(_ a: Int, _ b: Int) -> Bool {
        let ra = find(a), rb = find(b)
        guard ra != rb else { return false }
        parent[rb] = ra
        return true
    }
}
