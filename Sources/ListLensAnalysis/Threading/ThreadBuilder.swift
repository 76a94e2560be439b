/// Groups linked messages into threads: the pure half of the threading pass.
///
/// Step A: each message's parent is chosen among its known candidates by ``Threader/link(candidates:)``
/// (loops refused). Step B: every message's root is found in O(n) by ``Threader/roots(parents:)``.
/// Step C: a root whose parents are all unknown hangs under a ghost, keyed by the first id it
/// references, so replies to a message the archive lacks still share one thread (JWZ's empty
/// containers, as public-inbox keeps them). Several roots under one ghost: the earliest one stands
/// for the thread.
public enum ThreadBuilder {
    /// One message's threading inputs, in the order the store keeps messages.
    public struct Message: Sendable {
        public var messageID: String
        /// Epoch seconds.
        public var date: Int64?
        /// The first id the message references (References before In-Reply-To), for its ghost root.
        public var ghostKey: String?
        /// Known parents (indices into the input), in order of preference.
        public var candidates: [(parent: Int, method: ParentMethod)]

        public init(messageID: String, date: Int64?, ghostKey: String?, candidates: [(parent: Int, method: ParentMethod)]) {
            self.messageID = messageID
            self.date = date
            self.ghostKey = ghostKey
            self.candidates = candidates
        }
    }

    /// One thread: its key, its root message (an index into the input) and its extent.
    public struct Thread: Sendable, Equatable {
        public var key: String
        public var root: Int
        public var messageCount: Int
        public var firstDate: Int64?
        public var lastDate: Int64?
    }

    public struct Result: Sendable {
        /// Each message's parent and how it was found.
        public var links: [Threader.Link]
        /// Each message's thread, as an index into ``threads``.
        public var threadOf: [Int]
        /// Threads ordered by first date, then key.
        public var threads: [Thread]
    }

    public static func build(_ messages: [Message]) -> Result {
        let n = messages.count
        let links = Threader.link(candidates: messages.map(\.candidates))
        let roots = Threader.roots(parents: links.map(\.parent))
        var byKey: [String: Int] = [:]
        var threads: [Thread] = []
        var keyIndex = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let r = roots[i]
            let key = links[r].parent == nil ? (messages[r].ghostKey ?? messages[r].messageID) : messages[r].messageID
            let t: Int
            if let known = byKey[key] {
                t = known
            } else {
                t = threads.count
                byKey[key] = t
                threads.append(Thread(key: key, root: r, messageCount: 0, firstDate: nil, lastDate: nil))
            }
            keyIndex[i] = t
            threads[t].messageCount += 1
            if let d = messages[i].date {
                threads[t].firstDate = min(threads[t].firstDate ?? d, d)
                threads[t].lastDate = max(threads[t].lastDate ?? d, d)
            }
            let current = threads[t].root
            if current != r, (messages[r].date ?? .max) < (messages[current].date ?? .max) { threads[t].root = r }
        }
        let order = threads.indices.sorted { (threads[$0].firstDate ?? 0, threads[$0].key) < (threads[$1].firstDate ?? 0, threads[$1].key) }
        var position = [Int](repeating: 0, count: threads.count)
        for (p, t) in order.enumerated() { position[t] = p }
        return Result(links: links, threadOf: keyIndex.map { position[$0] }, threads: order.map { threads[$0] })
    }
}
