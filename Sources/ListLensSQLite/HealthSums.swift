/// A health report's figures as its scans sum them: one slot for each list and period, numbered
/// as first met. Integer keys and arrays rather than nested hash tables of names: on a million
/// messages the scans meet hundreds of thousands of rows.
struct HealthSums {
    struct Key: Hashable { var list: Int64?; var period: Int64? }
    struct Slot {
        var messages = 0, affiliated = 0
        /// Each organization's messages in the slot, one entry per organization.
        var organizations: [Int] = []
        var started = 0, unanswered = 0
        var delays: [Int64] = []
        /// The current organization's messages in the slot, until its rows end.
        fileprivate var ofOrganization = 0
    }
    /// A row's messages for a person in a slot (person 0 for a sender without one: ids start at 1).
    private struct PersonMessages { var slot: Int; var person: Int64; var messages: Int }

    private var table = KeyedSums<Key, Slot>(Slot())
    var keys: [Key] { table.keys }
    var slots: [Slot] { table.sums }
    /// Persons are met in every organization they wrote for: summed once sorted, which on a
    /// million messages took half the time of a hash table.
    private var byPerson: [PersonMessages] = []
    private var organization: Int64?
    private var touched: [Int] = []

    mutating func slot(list: Int64?, period: Int64?) -> Int {
        table.slot(Key(list: list, period: period))
    }

    /// A row's messages, met with all of one organization's rows together.
    mutating func add(messages n: Int, slot: Int, organization: Int64?, person: Int64?) {
        table.sums[slot].messages += n
        byPerson.append(PersonMessages(slot: slot, person: person ?? 0, messages: n))
        guard let organization else { return }
        if organization != self.organization {
            endOrganization()
            self.organization = organization
        }
        table.sums[slot].affiliated += n
        if table.sums[slot].ofOrganization == 0 { touched.append(slot) }
        table.sums[slot].ofOrganization += n
    }

    /// Keeps the current organization's messages in each slot it had some in.
    mutating func endOrganization() {
        for slot in touched {
            table.sums[slot].organizations.append(table.sums[slot].ofOrganization)
            table.sums[slot].ofOrganization = 0
        }
        touched.removeAll(keepingCapacity: true)
    }

    mutating func addThread(slot: Int, firstReplyAfter delay: Int64?) {
        table.sums[slot].started += 1
        if let delay { table.sums[slot].delays.append(delay) } else { table.sums[slot].unanswered += 1 }
    }

    /// Each person's messages in each slot, one entry per person.
    mutating func people() -> [[Int]] {
        byPerson.sort { ($0.slot, $0.person) < ($1.slot, $1.person) }
        var people = Array(repeating: [Int](), count: slots.count)
        var i = byPerson.startIndex
        while i < byPerson.endIndex {
            let first = byPerson[i]
            var n = 0
            while i < byPerson.endIndex, byPerson[i].slot == first.slot, byPerson[i].person == first.person {
                n += byPerson[i].messages
                i += 1
            }
            people[first.slot].append(n)
        }
        return people
    }
}
