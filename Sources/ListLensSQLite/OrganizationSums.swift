/// What the organization report sums for one period and organization, a report table's row at a
/// time (``KeyedSums`` keeps one of each per key).
enum OrganizationSums {
    /// An organization's messages, words, distinct persons and first and last date in a period.
    struct Senders {
        var messages = 0, words = 0
        var persons = Set<Int64>()
        var first: Int64?, last: Int64?

        mutating func add(messages: Int, words: Int, person: Int64?, first: Int64?, last: Int64?) {
            self.messages += messages
            self.words += words
            if let person { persons.insert(person) }
            if let first, self.first.map({ first < $0 }) ?? true { self.first = first }
            if let last, self.last.map({ last > $0 }) ?? true { self.last = last }
        }
    }

    /// The distinct threads of an organization in a period, from its rows in thread order.
    struct Threads {
        private(set) var count = 0
        private var last: Int64?

        mutating func add(thread: Int64) {
            guard thread != last else { return }
            count += 1
            last = thread
        }
    }

    /// The threads an organization started in a period: how long each waited for its first answer,
    /// and how many had none.
    struct Starts {
        var delays: [Int64] = []
        var unanswered = 0

        mutating func add(firstReplyAfter delay: Int64?) {
            if let delay { delays.append(delay) } else { unanswered += 1 }
        }
    }
}
