import Dispatch
import Foundation
import ListLensAnalysis

/// Writes analysed batches on one serial queue, so SQLite writing overlaps parsing.
///
/// `submit` blocks while ``Importer/maxBatchesInFlight`` batches wait, which bounds memory.
/// The first write error stops further writes and is rethrown by `finish` (or the next `sync`).
final class BatchWriter: @unchecked Sendable {
    // Mutable state (`counts`, `failure`) is touched only on `queue`, or under `lock` when read
    // from the importer's thread; hence @unchecked Sendable.
    private let store: Store
    private let listOverride: String?
    private let queue = DispatchQueue(label: "listlens.import.writer")
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var _counts = MessageCounts()
    private var failure: Error?
    private let ids = MessageWriter.IDCache()   // used on `queue` only
    private var sourceIDs: [String: Int64] = [:]   // used on `queue` only

    init(store: Store, listOverride: String?, maxInFlight: Int) {
        self.store = store
        self.listOverride = listOverride
        slots = DispatchSemaphore(value: maxInFlight)
    }

    var counts: MessageCounts { lock.withLock { _counts } }

    func submit(_ batch: [AnalyzedMessage], source: SourceInfo, defaultList: String?) {
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard lock.withLock({ failure == nil }) else { return }
            do {
                let delta = try write(batch, source: source, defaultList: defaultList)
                lock.withLock {
                    _counts.imported += delta.imported
                    _counts.duplicates += delta.duplicates
                    _counts.quarantined += delta.quarantined
                    _counts.withDefects += delta.withDefects
                }
            } catch {
                lock.withLock { failure = error }
            }
        }
    }

    /// Runs `body` on the writer queue after the batches submitted so far.
    func sync<T>(_ body: (Store) throws -> T) throws -> T {
        try queue.sync {
            if let failure = lock.withLock({ failure }) { throw failure }
            return try body(store)
        }
    }

    /// Waits for every submitted batch; rethrows the first write error.
    func finish() throws {
        try queue.sync {
            if let failure = lock.withLock({ failure }) { throw failure }
        }
    }

    private func write(_ batch: [AnalyzedMessage], source: SourceInfo, defaultList: String?) throws -> MessageCounts {
        var local = MessageCounts()
        try store.pool.write { db in
            let writer = try MessageWriter(db, cache: ids)
            for a in batch {
                let sourcePath = source.path(member: a.raw.member)
                let sourceID = try sourceIDs[sourcePath] ?? {
                    let id = try writer.registerSource(path: sourcePath, format: source.format, compressed: source.compressed, size: source.size)
                    sourceIDs[sourcePath] = id
                    return id
                }()
                if let reason = a.quarantineReason {
                    if try writer.quarantine(a, sourceID: sourceID, reason: reason) { local.quarantined += 1 } else { local.duplicates += 1 }
                    continue
                }
                let list = listOverride ?? a.message.listID.map(Importer.listName(fromListID:)) ?? defaultList
                if try writer.insert(a, sourceID: sourceID, list: list) {
                    local.imported += 1
                    if a.message.defects.contains(where: \.isMalformation) { local.withDefects += 1 }
                } else {
                    local.duplicates += 1
                }
            }
        }
        return local
    }
}
