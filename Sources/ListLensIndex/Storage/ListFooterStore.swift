import ListLensAnalysis
import ListLensMail

/// A store the list footer pass learns footers from and re-segments messages in (``ListFooterPass``).
public protocol ListFooterStore: Sendable {
    /// Every list with its message count, its learned footer and the count it was learned from; cheap
    /// enough to be read when every import starts.
    func listFooterStates() throws -> [ListFooterState]
    /// Up to `limit` published messages of `list` with keys above `after`, in key order: each key with
    /// about the last `bytes` bytes of its text (a backend may count characters), cut at a line start.
    func textTails(list: Int64, bytes: Int, after: Int64, limit: Int) throws -> [(key: Int64, tail: String)]
    /// Up to `limit` published messages of `list` with keys above `after`, in key order, as segmentation reads them.
    func storedSegmentations(list: Int64, after: Int64, limit: Int) throws -> [StoredSegmentation]
    /// Writes new authored and quoted texts (and the full-text index with them); each message's quotes
    /// wait for the attribution pass again, since its segments moved.
    func storeSegmentations(_ changes: [StoredSegmentation]) throws
    /// Records the footer learned for `list` (nil: none) and the message count it was learned from.
    func storeListFooter(list: Int64, footer: ListFooter?, learnedFrom: Int) throws
}
