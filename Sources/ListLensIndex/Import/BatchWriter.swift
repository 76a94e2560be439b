import Dispatch
import Foundation
import ListLensAnalysis

/// Writes analysed batches on one serial queue, so storing overlaps parsing.
///
/// `submit` blocks while ``Importer/maxBatchesInFlight`` batches wait, which bounds memory.
/// The first write error stops further writes and is rethrown by `finish`.
final class BatchWriter: @unchecked Sendable {
    // Mutable state (`counts`, `failure`, `waited`) is touched only on `queue`, or under `lock` when read
    // from the importer's thread; `writer` only on `queue`. Hence @unchecked Sendable.
    private let writer: any MessageBatchWriter
    private let listOverride: String?
    private let replacing: Bool
    private let threadsBySubject: Bool?
    private let queue = DispatchQueue(label: "listlens.import.writer")
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var _counts = MessageCounts()
    private var failure: Error?
    private var waited = false

    init(writer: any MessageBatchWriter, listOverride: String?, replacing: Bool, threadsBySubject: Bool? = nil, maxInFlight: Int) {
        self.writer = writer
        self.listOverride = listOverride
        self.replacing = replacing
        self.threadsBySubject = threadsBySubject
        slots = DispatchSemaphore(value: maxInFlight)
    }

    var counts: MessageCounts { lock.withLock { _counts } }

    /// True when the last ``submit(_:source:names:)`` had to wait for the writer: the writer, not
    /// the analysis, is what the import waits for.
    var isBottleneck: Bool { lock.withLock { waited } }

    /// Queues a batch of one file, whose list-name fallbacks are `names`; ``ListNaming`` names each message's list.
    func submit(_ batch: [AnalyzedMessage], source: SourceRecord, names: ListNaming.Fallbacks) {
        let entries = batch.map { a in
            ImportBatch.Entry(message: a, list: ListNaming.name(for: a.message, override: listOverride, fallbacks: names)?.name)
        }
        let work = ImportBatch(source: source, entries: entries, replacing: replacing, threadsBySubject: threadsBySubject)
        let mustWait = slots.wait(timeout: .now()) == .timedOut
        if mustWait { slots.wait() }
        lock.withLock { waited = mustWait }
        queue.async { [self] in
            defer { slots.signal() }
            guard lock.withLock({ failure == nil }) else { return }
            do {
                let delta = try writer.write(work)
                lock.withLock { _counts += delta }
            } catch {
                lock.withLock { failure = error }
            }
        }
    }

    /// Queues the record of a file read to its end, after its batches (``SourceFileStore``).
    func record(_ file: StoredSourceFile) {
        queue.async { [self] in
            guard lock.withLock({ failure == nil }) else { return }
            do {
                try writer.record(file)
            } catch {
                lock.withLock { failure = error }
            }
        }
    }

    /// Waits for every submitted batch; rethrows the first write error.
    func finish() throws {
        try queue.sync {
            if let failure = lock.withLock({ failure }) { throw failure }
        }
    }
}
