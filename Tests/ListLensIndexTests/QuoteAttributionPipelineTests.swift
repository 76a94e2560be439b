import Foundation
@testable import ListLensIndex
import ListLensAnalysis
import Testing

/// The quote attribution pass reads the next batch and stores the last one while it matches the
/// current one: every batch is still stored once, in order, and a failed store stops the run.
@Suite("Quote attribution pipeline")
struct QuoteAttributionPipelineTests {
    /// Serves `batches` pages of replies, each quoting its own parent; records what is stored.
    final class PagedStore: QuoteAttributionStore, QuoteLinkStore, @unchecked Sendable {
        // `stored` and `reads` are touched under `lock` (the pass reads and stores on queues of its own).
        private let lock = NSLock()
        private var stored: [[Int64]] = []
        private var reads: [Int64] = []
        let pages: Int
        let failingStore: Int?
        /// When set, replies share this many parents: the same parent is an ancestor on many pages.
        let sharedParents: Int64?
        static let perPage = 3

        init(pages: Int, failingStore: Int? = nil, sharedParents: Int64? = nil) {
            self.pages = pages
            self.failingStore = failingStore
            self.sharedParents = sharedParents
        }

        func parent(of key: Int64) -> Int64 { 10_000 + (sharedParents.map { key % $0 } ?? key) }

        var storedKeys: [[Int64]] { lock.withLock { stored } }
        var readAfter: [Int64] { lock.withLock { reads } }

        func pendingQuoteAttribution(version: Int, after: Int64, limit: Int, depth: Int) throws -> [QuoteAttributionInput] {
            lock.withLock { reads.append(after) }
            let first = after + 1
            guard first <= Int64(pages * Self.perPage) else { return [] }
            return (first..<(first + Int64(Self.perPage))).map { key in
                let reply = QuoteAttributionInput.Message(key: key, text: "Yes.\n\n> Shall we ship the release on Monday after the tests pass?",
                                                          senderName: "Al")
                return QuoteAttributionInput(message: reply, date: nil, ancestors: [parent(of: key)])
            }
        }
        func messageKeys(forMessageIDs ids: [String]) throws -> [String: Int64] { [:] }
        func storeQuoteSources(_ results: [QuoteAttributionResult], version: Int) throws {
            try lock.withLock {
                if stored.count == failingStore { throw CancellationError() }
                stored.append(results.map(\.key))
            }
            let fromParent = results.allSatisfy { r in r.sources.count == 1 && r.sources[0].source == parent(of: r.key) && r.sources[0].method == "ancestor" }
            #expect(fromParent)
        }
        func quoteLinkChildren(all: Bool, before: Int64, after: Int64) throws -> [Int64] { [] }
        func quoteProbes(_ keys: [Int64], headerParentedAsKnown: Bool) throws -> [QuoteProbe] { [] }
        func attributionOverlaps(_ keys: [Int64]) throws -> [QuoteParentChooser.Overlap] { [] }
        func ownTexts(sent dates: ClosedRange<Int64>?, after cursor: SweptMessage?, limit: Int) throws -> [SweptMessage] { [] }
        func ownTextMessages(_ keys: [Int64]) throws -> [QuoteAttributionInput.Message] {
            keys.map { QuoteAttributionInput.Message(key: $0, text: "Shall we ship the release on Monday after the tests pass?", senderName: "Bo") }
        }
        func storeQuoteLinks(_ choices: [QuoteParentChooser.Choice], children: [Int64]) throws {}
    }

    @Test("every batch is stored once and in order while the next one is read ahead")
    func everyBatchOnce() throws {
        let store = PagedStore(pages: 7)
        let report = try QuoteAttributionPass.run(on: store)
        let perPage = Int64(PagedStore.perPage)
        var expected: [[Int64]] = []
        for page in Int64(0)..<7 { expected.append(Array((page * perPage + 1)...((page + 1) * perPage))) }
        let reads: [Int64] = (Int64(0)...7).map { $0 * perPage }
        #expect(store.storedKeys == expected)
        #expect(store.readAfter == reads, "one read per batch, and one that finds the end")
        #expect(report.messages == 21 && report.fromAncestors == 21)
    }

    @Test("past the own texts held at once they are let go and read again: every reply still finds its parent")
    func heldTextsLetGo() throws {
        // Replies share 50 parents, so a parent let go is needed again on a later page: the reading
        // side must read it again exactly when the matching side has let it go.
        let pages = QuoteAttributionPass.maxCachedSources / PagedStore.perPage + 40
        let store = PagedStore(pages: pages, sharedParents: 50)
        let report = try QuoteAttributionPass.run(on: store)
        #expect(report.messages == pages * PagedStore.perPage && report.fromAncestors == report.messages)
        #expect(store.storedKeys.count == pages)
    }

    @Test("a store that fails stops the run with its error, and nothing is stored after it")
    func failedStore() throws {
        let store = PagedStore(pages: 7, failingStore: 2)
        #expect(throws: CancellationError.self) { try QuoteAttributionPass.run(on: store) }
        #expect(store.storedKeys.count == 2)
        Thread.sleep(forTimeInterval: 0.2)
        #expect(store.storedKeys.count == 2, "no store ran after the run returned")
    }
}
