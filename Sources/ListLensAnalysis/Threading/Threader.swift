/// Links messages to their parents, JWZ-style, with loop checks and no recursion.
///
/// Departures from JWZ, on purpose (as public-inbox): no subject grouping by default, because a shared
/// subject is not a reply (a list may ask for it: ``ParentMethod/subject``, the last candidate); `In-Reply-To` is trusted over `References` when both name a known message,
/// because some clients write References out of order. Every link is checked first: a parent that
/// descends from the child would close a loop (notmuch's broken/loop corpus) and is refused.
/// - SeeAlso: [JWZ threading](https://www.jwz.org/doc/threading.html)
public enum Threader {
    /// Longest ancestor chain followed. Real threads run to a few hundred messages; this only bounds broken input.
    public static let maxDepth = 100_000

    public struct Link: Sendable, Equatable {
        public var parent: Int?
        public var method: ParentMethod?
    }

    /// Chooses each message's parent among `candidates[m]` (in priority order), refusing loops.
    ///
    /// - Parameter candidates: for each message index, known parents in order of preference.
    /// - Returns: one link per message.
    public static func link(candidates: [[(parent: Int, method: ParentMethod)]]) -> [Link] {
        var links = [Link](repeating: Link(parent: nil, method: nil), count: candidates.count)
        // Each message is linked once, while it is still the root of its tree; a candidate closes a
        // loop exactly when its root is that message. Union-find answers "root of" in near O(1),
        // so long reply chains stay linear (walking up each time would be quadratic).
        var root = Array(candidates.indices)
        func find(_ x: Int) -> Int {
            var r = x
            while root[r] != r { r = root[r] }
            var c = x
            while root[c] != r { let next = root[c]; root[c] = r; c = next }
            return r
        }
        for m in candidates.indices {
            for c in candidates[m] where c.parent >= 0 && c.parent < candidates.count {
                let r = find(c.parent)
                if r != m {
                    links[m] = Link(parent: c.parent, method: c.method)
                    root[m] = r
                    break
                }
            }
        }
        return links
    }

    /// The root (topmost ancestor) of every message, computed with memoisation in O(n).
    public static func roots(parents: [Int?]) -> [Int] {
        var root = [Int](repeating: -1, count: parents.count)
        var path: [Int] = []
        for start in parents.indices where root[start] < 0 {
            var cur = start
            path.removeAll(keepingCapacity: true)
            while root[cur] < 0, let p = parents[cur], path.count < maxDepth {
                path.append(cur)
                cur = p
            }
            let r = root[cur] >= 0 ? root[cur] : cur
            root[cur] = r
            for n in path { root[n] = r }
        }
        return root
    }
}
