/// Sums of report rows by a key (a period and organization, say), for rows that mostly come in
/// runs of one key: each key's sums have a slot in an array, changed in place, and the hash
/// table is met only where the key changes from the row before.
struct KeyedSums<Key: Hashable, Sums> {
    private(set) var keys: [Key] = []
    /// Each key's sums, in the order the keys were first met.
    var sums: [Sums] = []
    private var slots: [Key: Int] = [:]
    private var last: (key: Key, slot: Int)?
    private let empty: Sums

    init(_ empty: Sums) {
        self.empty = empty
    }

    /// The slot of `key`'s sums in ``sums``, made for it the first time it is met.
    mutating func slot(_ key: Key) -> Int {
        if let last, last.key == key { return last.slot }
        let slot: Int
        if let known = slots[key] { slot = known } else {
            slot = keys.count
            keys.append(key)
            sums.append(empty)
            slots[key] = slot
        }
        last = (key, slot)
        return slot
    }
}
