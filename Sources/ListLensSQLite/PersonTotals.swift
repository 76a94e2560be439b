/// What `peopleReport` sums for one person from the report tables' rows of their addresses.
struct PersonTotals {
    /// An organization's messages among the person's, and their first and last date.
    struct Use {
        var messages = 0
        var first: Int64?
        var last: Int64?
    }

    var participants = Set<Int64>()
    var messages = 0
    var words = 0
    var started = 0
    /// Threads with a message of theirs, started by them or not.
    var threads = 0
    var first: Int64?
    var last: Int64?
    /// Organization id to its use; messages of no organization are not kept.
    var organizations: [Int64: Use] = [:]

    /// One address's messages for one organization (nil: none): how many, their words, their first and last date.
    mutating func add(participant: Int64, organization: Int64?, messages n: Int, words: Int, first: Int64?, last: Int64?) {
        participants.insert(participant)
        messages += n
        self.words += words
        self.first = Self.earlier(self.first, first)
        self.last = Self.later(self.last, last)
        guard let organization else { return }
        var use = organizations[organization] ?? Use()
        use.messages += n
        use.first = Self.earlier(use.first, first)
        use.last = Self.later(use.last, last)
        organizations[organization] = use
    }

    private static func earlier(_ a: Int64?, _ b: Int64?) -> Int64? { guard let a, let b else { return a ?? b }; return min(a, b) }
    private static func later(_ a: Int64?, _ b: Int64?) -> Int64? { guard let a, let b else { return a ?? b }; return max(a, b) }
}
