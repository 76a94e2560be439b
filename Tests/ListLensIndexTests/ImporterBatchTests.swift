import Foundation
@testable import ListLensIndex
import ListLensTestSupport
import Testing
import ListLensAnalysis
import GRDB
@testable import ListLensSQLite

/// A store that only records what the importer hands it: the storage seam is all the importer
/// needs, and a test can see its batches.
final class RecordingStore: ListLensStore, @unchecked Sendable {
    // Batches are written on the importer's one writer queue; `lock` guards reads from the test.
    private let lock = NSLock()
    private var batches: [ImportBatch] = []
    private var files: [String: StoredSourceFile] = [:]

    var location: String { "recording" }
    var recorded: [ImportBatch] { lock.withLock { batches } }

    final class Writer: MessageBatchWriter {
        let store: RecordingStore
        init(_ store: RecordingStore) { self.store = store }
        func write(_ batch: ImportBatch) throws -> MessageCounts {
            store.lock.withLock { store.batches.append(batch) }
            return MessageCounts(imported: batch.entries.count)
        }
        func record(_ file: StoredSourceFile) throws { store.lock.withLock { store.files[file.path] = file } }
    }

    func storedSourceFile(path: String) throws -> StoredSourceFile? { lock.withLock { files[path] } }

    func makeBatchWriter() throws -> any MessageBatchWriter { Writer(self) }
    func passState(named name: String) throws -> PassState? { nil }
    func messageWatermark() throws -> PassState.Watermark {
        let n = recorded.reduce(0) { $0 + $1.entries.count }
        return PassState.Watermark(messageCount: n, lastMessageKey: Int64(n))
    }
    func threadingSnapshot() throws -> ThreadingSnapshot { ThreadingSnapshot(messages: [], references: [], threads: []) }
    func pendingThreadingSnapshot(maxMessages: Int) throws -> ThreadingSnapshot? { nil }
    func applyThreading(_ changes: ThreadingChanges, state: PassState) throws {}
    func quoteLinkChildren(all: Bool, before: Int64, after: Int64) throws -> [Int64] { [] }
    func quoteProbes(_ keys: [Int64], headerParentedAsKnown: Bool) throws -> [QuoteProbe] { [] }
    func attributionOverlaps(_ keys: [Int64]) throws -> [QuoteParentChooser.Overlap] { [] }
    func ownTexts(sent dates: ClosedRange<Int64>?, after cursor: SweptMessage?, limit: Int) throws -> [SweptMessage] { [] }
    func ownTextMessages(_ keys: [Int64]) throws -> [QuoteAttributionInput.Message] { [] }
    func storeQuoteLinks(_ choices: [QuoteParentChooser.Choice], children: [Int64]) throws {}
    func pendingQuoteAttribution(version: Int, after: Int64, limit: Int, depth: Int) throws -> [QuoteAttributionInput] { [] }
    func messageKeys(forMessageIDs ids: [String]) throws -> [String: Int64] { [:] }
    func listFooterStates() throws -> [ListFooterState] { [] }
    func textTails(list: Int64, bytes: Int, after: Int64, limit: Int) throws -> [(key: Int64, tail: String)] { [] }
    func storedSegmentations(list: Int64, after: Int64, limit: Int) throws -> [StoredSegmentation] { [] }
    func storeSegmentations(_ changes: [StoredSegmentation]) throws {}
    func storeListFooter(list: Int64, footer: ListFooter?, learnedFrom: Int) throws {}
    func storeQuoteSources(_ results: [QuoteAttributionResult], version: Int) throws {}
    func search(_ query: QueryNode, order: SearchOrder, limit: Int, timeLimit: Duration) throws -> [SearchHit] { [] }
    func countMatches(_ query: QueryNode, timeLimit: Duration) throws -> Int { 0 }
    func organizationReport(_ query: ReportQuery) throws -> OrganizationReport { OrganizationReport(rows: [], totalMessages: 0) }
    func healthReport(_ query: ReportQuery, perList: Bool, share: Double) throws -> HealthReport { HealthReport(rows: [], share: share) }
    func replyMatrix(_ query: ReportQuery) throws -> ReplyMatrix { ReplyMatrix(cells: []) }
    func explainOrganization(_ query: ReportQuery) throws -> OrganizationExplanation { OrganizationExplanation(organization: "", messages: 0, members: []) }
    func participantSenders(after: Int64, limit: Int) throws -> [ParticipantSender] { [] }
    func listNames() throws -> [String] { [] }
    func storeAutomatedSenders(_ changes: [(participant: Int64, reason: AutomatedSender.Reason?)]) throws {}
    func automatedSenderMessages() throws -> [(address: String, reason: AutomatedSender.Reason, messages: Int)] { [] }
    func storedIdentities() throws -> [StoredIdentity] { [] }
    func creditedParticipants() throws -> [CreditedParticipant] { [] }
    func storeCredits(_ credits: [OrganizationCredit], digest: String) throws -> Int { 0 }
    func appliedAffiliationsDigest() throws -> String? { nil }
    func storedPersons() throws -> [StoredPerson] { [] }
    func storePersons(members: [Int64: IdentityMerger.Member], persons: [StoredPerson], removing: [Int64]) throws {}
    func peopleReport(_ query: ReportQuery, first: Int?) throws -> PeopleReport { PeopleReport(rows: []) }
    func explainPerson(_ text: String) throws -> [PersonExplanation] { [] }
    func refreshReportTables() throws {}
    func periodMessages(_ query: ReportQuery) throws -> [PeriodMessages] { [] }
    func topPeople(_ query: ReportQuery, limit: Int) throws -> TopPeople { TopPeople(persons: 0, top: []) }
    func topicReport(_ query: ReportQuery, first: Int?) throws -> TopicReport { TopicReport(rows: [], topics: 0) }
    func pendingTopicThreads(version: Int, after: Int64, limit: Int, maxMessages: Int) throws -> [TopicThreadInput] { [] }
    func storeThreadTopics(_ topics: [ThreadTopics], version: Int) throws {}
    func topicCandidates(threads: [Int64]) throws -> (threads: Int, candidates: [Int64: [KeyPhrases.Held]]) { (0, [:]) }
    func messagesHolding(words: [String]) throws -> (messages: Int, holding: [String: Int]) { (0, [:]) }
    func storeKeyPhrases(_ keys: [Int64: [String]]) throws {}
    func messagesWithoutMIMEFacts() throws -> [PendingMIMEFacts] { [] }
    func storeMIMEFacts(_ facts: [(key: Int64, facts: Int)]) throws {}
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

    /// The reply fixture three times: twice the same (pipermail's doubled months), then with the
    /// same Message-ID and other words (an imposter).
    func copiesMbox(_ tmp: TemporaryDirectory) throws -> String {
        let reply = try String(contentsOfFile: Fixtures.path("threading/quote-before-parent/reply.mbox"), encoding: .utf8)
        let other = reply.replacingOccurrences(of: "We pin two of them", with: "We pin none of them")
        return try tmp.write("copies.mbox", reply + "\n" + reply + "\n" + other)
    }

    @Test("the analysis lanes run every index once, on one core fewer while the import waits for the writer", arguments: [1, 2, 3, 8])
    func lanesRunEveryIndexOnce(lanes: Int) {
        for iterations in [0, 1, 2, 7, 512] {
            let seen = ResultSlots<Int>(count: iterations)
            ParallelLanes(count: lanes).forEach(iterations) { i in seen.set(i, i) }
            #expect(seen.values() == Array(0..<iterations), "\(lanes) lanes, \(iterations) iterations")
        }
        #expect(ParallelLanes.forAnalysis(writerIsBottleneck: true, cores: lanes).count == max(1, lanes - 1))
        #expect(ParallelLanes.forAnalysis(writerIsBottleneck: false, cores: lanes).count == lanes)
        #expect(ParallelLanes(count: 0).count == 1)
    }

    @Test("a copy of a message read just before skips the quote step; an imposter and --replace do not")
    func copiesSkipTheQuoteStep() throws {
        let tmp = try TemporaryDirectory("copies")
        let path = try copiesMbox(tmp)
        let store = RecordingStore()
        _ = try Importer(store: store).run(paths: [path])
        let entries = store.recorded.flatMap(\.entries).map(\.message)
        try #require(entries.count == 3)
        #expect(entries.map(\.message.messageID) == Array(repeating: "farm-reply@example.net", count: 3))
        #expect(entries.map { $0.segments.contains { $0.kind == .quoted } } == [true, false, true],
                "the second is the first's copy: the writer skips it; the third says other words")
        #expect(entries[0].quoted.quoted == entries[2].quoted.quoted && !entries[0].quoted.quoted.isEmpty)
        #expect(entries[0].quoteLayout?.quotes == entries[2].quoteLayout?.quotes && entries[0].quoteLayout != nil)

        let replacing = RecordingStore()
        _ = try Importer(store: replacing, options: .init(replace: true)).run(paths: [path])
        #expect(replacing.recorded.flatMap(\.entries).allSatisfy { $0.message.segments.contains { $0.kind == .quoted } },
                "with --replace every copy is written, so every copy is analysed")
    }

    @Test("a store imported from doubled archives holds what the single archive gives")
    func doubledArchiveStoresTheSame() throws {
        let tmp = try TemporaryDirectory("doubled")
        let single = Fixtures.path("threading/quote-before-parent/reply.mbox")
        let reply = try String(contentsOfFile: single, encoding: .utf8)
        let root = try String(contentsOfFile: Fixtures.path("threading/quote-before-parent/root.mbox"), encoding: .utf8)
        let doubled = try tmp.write("doubled.mbox", root + "\n" + reply + "\n" + root + "\n" + reply)
        let once = try tmp.write("once.mbox", root + "\n" + reply)
        func stored(_ path: String) throws -> [[String?]] {
            let (store, cleanup) = try ThrowawayStore.fresh()
            defer { cleanup() }
            let summary = try Importer(store: store).run(paths: [path])
            #expect(summary.imported == 2)
            return try store.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT m.message_id, m.authored_text, m.quoted_text, m.quote_name, m.quote_layout, m.signature_text,
                           (SELECT group_concat(source || ':' || method) FROM quote_source q WHERE q.message = m.id),
                           (SELECT group_concat(parent || ':' || method) FROM quote_link l WHERE l.child = m.id)
                    FROM message m ORDER BY m.message_id
                    """).map { row in (0..<8).map { (row[$0] as DatabaseValue).description } }
            }
        }
        let expected = try stored(once)
        #expect(expected.count == 2 && expected.contains { $0[2]?.isEmpty == false }, "the reply quotes its parent")
        #expect(try stored(doubled) == expected)
    }
}
