/// What `peopleReport` sums for one person as it reads their counted messages.
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
    var threads = Set<Int64>()
    var first: Int64?
    var last: Int64?
    /// Organization id to its use; messages of no organization are not kept.
    var organizations: [Int64: Use] = [:]

    mutating func add(participant: Int64, thread: Int64, started isRoot: Bool, date: Int64?, words: Int, organization: Int64?) {
        participants.insert(participant)
        messages += 1
        self.words += words
        if isRoot { started += 1 }
        threads.insert(thread)
        if let date {
            first = min(first ?? date, date)
            last = max(last ?? date, date)
        }
        guard let organization else { return }
        var use = organizations[organization] ?? Use()
        use.messages += 1
        if let date {
            use.first = min(use.first ?? date, date)
            use.last = max(use.last ?? date, date)
        }
        organizations[organization] = use
    }
}
