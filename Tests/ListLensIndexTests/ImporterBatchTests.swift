import Foundation
@testable import ListLensIndex
import ListLensTestSupport
import Testing
import ListLensAnalysis

/// A store that only records what the importer hands it: the storage seam is all the importer
/// needs, and a test can see its batches.
final class RecordingStore: ListLensStore, @unchecked Sendable {
    // Batches are written on the importer's one writer queue; `lock` guards reads from the test.
    private let lock = NSLock()
    private var batches: [ImportBatch] = []

    var location: String { "recording" }
    var recorded: [ImportBatch] { lock.withLock { batches } }

    final class Writer: MessageBatchWriter {
        let store: RecordingStore
        init(_ store: RecordingStore) { self.store = store }
        func write(_ batch: ImportBatch) throws -> MessageCounts {
            store.lock.withLock { store.batches.append(batch) }
            return MessageCounts(imported: batch.entries.count)
        }
    }

    func makeBatchWriter() throws -> any MessageBatchWriter { Writer(self) }
    func passState(named name: String) throws -> PassState? { nil }
    func messageWatermark() throws -> PassState.Watermark {
        let n = recorded.reduce(0) { $0 + $1.entries.count }
        return PassState.Watermark(messageCount: n, lastMessageKey: Int64(n))
    }
    func threadingSnapshot() throws -> ThreadingSnapshot { ThreadingSnapshot(messages: [], references: [], threads: []) }
    func pendingThreadingSnapshot(maxMessages: Int) throws -> ThreadingSnapshot? { nil }
    func applyThreading(_ changes: ThreadingChanges, state: PassState) throws {}
    func indexPendingShingles() throws -> Int { 0 }
    func pendingQuoteOverlaps(all: Bool, maxHolders: Int, headerParentedAsKnown: Bool) throws -> (children: [Int64], overlaps: [QuoteParentChooser.Overlap]) { ([], []) }
    func storeQuoteLinks(_ choices: [QuoteParentChooser.Choice], children: [Int64]) throws {}
    func pendingQuoteAttribution(version: Int, after: Int64, limit: Int, depth: Int) throws -> [QuoteAttributionInput] { [] }
    func messagesSharing(_ shingles: [Int64], excluding: Int64, before: Int64?, limit: Int) throws -> [QuoteAttributionInput.Message] { [] }
    func storeQuoteSources(_ results: [QuoteAttributionResult], version: Int) throws {}
    func search(_ query: QueryNode, limit: Int) throws -> [SearchHit] { [] }
    func organizationReport() throws -> OrganizationReport { OrganizationReport(rows: [], totalMessages: 0) }
    func forEachExportedMessage(_ body: (ExportedMessage) throws -> Void) throws {}
    func exportedMessages(inThread key: String) throws -> [ExportedMessage] { [] }
    func threadKey(ofMessageID messageID: String) throws -> String? { nil }
    func counts() throws -> StoreCounts { StoreCounts(messages: 0, quarantined: 0, participants: 0, organizations: 0, threads: 0) }
    func appliedMigrations() throws -> [String] { [] }
    func remove(_ target: RemovalTarget) throws -> RemovalCounts { RemovalCounts() }
}

@Suite("Import batches")
struct ImporterBatchTests {
    @Test("batches end at a byte bound, not only a message count, so large messages do not pile up (issue 9)")
    func byteBoundedBatches() throws {
        let tmp = try TemporaryDirectory("batches")
        let body = String(repeating: "a line of a large message body, repeated\n", count: 2_500)   // 105,000 bytes
        var mbox = ""
        for i in 0..<12 {
            mbox += "From a@example.org Mon Mar  2 09:00:00 2026\nFrom: a@example.org\nMessage-ID: <big-\(i)@example.org>\n\n\(body)\n"
        }
        let path = try tmp.write("big.mbox", mbox)
        let store = RecordingStore()
        let summary = try Importer(store: store, options: .init(maxBatchBytes: 300_000)).run(paths: [path])
        #expect(summary.imported == 12)
        let batches = store.recorded
        #expect(batches.map(\.entries.count) == [3, 3, 3, 3])
        for b in batches {
            let bytes = b.entries.reduce(0) { $0 + $1.message.raw.bytes.count }
            let largest = b.entries.map(\.message.raw.bytes.count).max() ?? 0
            #expect(bytes < 300_000 + largest, "a batch passes the bound by its last message at most")
        }
    }

    @Test("small messages still go in batches of the message count")
    func countBoundedBatches() throws {
        let store = RecordingStore()
        let summary = try Importer(store: store).run(paths: [Fixtures.sample])
        #expect(summary.imported == 10)
        #expect(store.recorded.map(\.entries.count) == [10])
        #expect(store.recorded.first?.entries.allSatisfy { $0.list == "cloud-ops" } == true, "the List-Id names the list")
    }

    @Test("the parallel loop's result slots keep every write (issue 9: a nil slot crashed an import)")
    func resultSlots() {
        for _ in 0..<50 {
            let n = 4_096
            let slots = ResultSlots<Int>(count: n)
            DispatchQueue.concurrentPerform(iterations: n) { i in slots.set(i, i * 2) }
            #expect(slots.values() == (0..<n).map { $0 * 2 })
        }
    }
}
