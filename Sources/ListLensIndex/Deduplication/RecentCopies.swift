import ListLensAnalysis

/// The messages an import read last, by Message-ID and content key: a message read again (the
/// second copy pipermail appends to every month, a folder of overlapping mboxes) is known for a copy
/// before its quote step, which ``Deduplication`` would throw away. Bounded: only the last
/// ``capacity`` messages are remembered, so memory stays flat however long the run.
///
/// Only a sure copy is reported: the same Message-ID (or, without one, the same bytes: its
/// synthetic id) and the same content key as a message read earlier that was not quarantined.
/// Whatever the writer did with that earlier one (stored it, found it stored, kept it as an
/// imposter), ``Deduplication/decide(_:replacing:in:)`` decides `.duplicate` for this one. With
/// `--replace` every copy is written, so the importer does not ask.
struct RecentCopies {
    /// Messages remembered at the most: a month of the busiest list, many times over.
    static let capacity = 1 << 16

    private var keys: Set<String> = []
    private var order: [String] = []
    private var next = 0

    /// True when `a` is a copy of a message read earlier; otherwise `a` is remembered (unless it is quarantined).
    mutating func isCopy(_ a: AnalyzedMessage) -> Bool {
        guard a.quarantineReason == nil else { return false }
        let key = a.message.messageID + "\u{0}" + a.contentKey
        if keys.contains(key) { return true }
        if order.count < Self.capacity {
            order.append(key)
        } else {
            keys.remove(order[next])
            order[next] = key
            next = (next + 1) % Self.capacity
        }
        keys.insert(key)
        return false
    }
}
