/// What `organizationReport` sums for one organization in one period as it reads the counted messages.
struct OrganizationTotals {
    var messages = 0
    var words = 0
    /// Persons (or participants without one) who sent them.
    var persons = Set<Int64>()
    var started = 0
    /// Threads it replied in (its messages that did not start their thread).
    var joined = Set<Int64>()
    var first: Int64?
    var last: Int64?

    mutating func add(person: Int64?, started isRoot: Bool, thread: Int64, words: Int, date: Int64?) {
        messages += 1
        self.words += words
        if let person { persons.insert(person) }
        if isRoot { started += 1 } else { joined.insert(thread) }
        if let date {
            first = min(first ?? date, date)
            last = max(last ?? date, date)
        }
    }
}
