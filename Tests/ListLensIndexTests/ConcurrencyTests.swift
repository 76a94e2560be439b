import Foundation
import GRDB
import ListLensIndex
import ListLensSQLite
import ListLensTestSupport
import Testing

@Suite("Two imports at once")
struct ConcurrencyTests {
    /// `count` small messages with ids from `first`, in one mbox.
    static func mbox(first: Int, count: Int) -> String {
        (first..<(first + count)).map { i in
            """
            From a@example.org Mon Mar  2 09:00:00 2026
            From: Person \(i % 7) <p\(i % 7)@org\(i % 5).example>
            Subject: topic \(i / 10)
            Date: Mon, 02 Mar 2026 09:\(String(format: "%02d", i % 60)):00 +0000
            Message-ID: <m\(i)@example.org>
            \(i % 10 == 0 ? "" : "In-Reply-To: <m\(i - 1)@example.org>\n")
            Message \(i) of the concurrency test.

            """
        }.joined()
    }

    @Test("two imports into one database at once both finish, and give what one import of both gives (issue 9)")
    func concurrentImports() throws {
        let tmp = try TemporaryDirectory("concurrent")
        // Overlapping halves: messages 1,000 to 1,999 are in both files.
        let a = try tmp.write("a.mbox", Self.mbox(first: 0, count: 2_000))
        let b = try tmp.write("b.mbox", Self.mbox(first: 1_000, count: 2_000))
        let path = tmp.file("shared.sqlite")
        _ = try SQLiteStore(path: path)   // created first, as a user's first import would
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            do {
                let store = try SQLiteStore(path: path)
                results.set(i, .success(try Importer(store: store).run(paths: [i == 0 ? a : b])))
            } catch {
                results.set(i, .failure(error))
            }
        }
        let summaries = try results.all().map { try $0.get() }
        #expect(summaries.map(\.failures) == [[], []])
        #expect(summaries[0].imported + summaries[1].imported == 3_000)
        #expect(summaries[0].duplicates + summaries[1].duplicates == 1_000)

        let (alone, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: alone).run(paths: [a, b])
        let shared = try SQLiteStore(path: path, access: .readOnly)
        #expect(try shared.counts() == alone.counts())
        var together: [String: String?] = [:], separate: [String: String?] = [:]
        try shared.forEachExportedMessage { together[$0.messageID] = $0.threadID }
        try alone.forEachExportedMessage { separate[$0.messageID] = $0.threadID }
        #expect(together == separate, "the same threads")
        #expect(try shared.pool.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
    }

    @Test("readers during imports never fail and always see messages and threads agree (issue 9)")
    func readersSeeOneState() throws {
        let tmp = try TemporaryDirectory("readers")
        let files = try (0..<4).map { k in try tmp.write("part\(k).mbox", Self.mbox(first: k * 1_500, count: 1_500)) }
        let path = tmp.file("shared.sqlite")
        _ = try SQLiteStore(path: path)
        let done = DispatchSemaphore(value: 0)
        let writerResult = Results()
        DispatchQueue.global().async {
            do {
                let store = try SQLiteStore(path: path)
                // One import per file: each publishes its messages with its threading pass, two with --replace.
                for (k, file) in files.enumerated() {
                    writerResult.set(0, .success(try Importer(store: store, options: .init(replace: k % 2 == 1)).run(paths: [file])))
                    if k % 2 == 1 { writerResult.set(0, .success(try Importer(store: store, options: .init(replace: true)).run(paths: [files[k - 1]]))) }
                }
            } catch {
                writerResult.set(0, .failure(error))
            }
            done.signal()
        }
        let reader = try SQLiteStore(path: path, access: .readOnly)
        var looks = 0
        var finished = false
        while !finished {
            finished = done.wait(timeout: .now()) == .success
            try reader.pool.read { db in
                let published = try Int.fetchOne(db, sql: "SELECT count(*) FROM message WHERE thread_id IS NOT NULL") ?? 0
                let inThreads = try Int.fetchOne(db, sql: "SELECT coalesce(sum(message_count), 0) FROM thread") ?? 0
                let threads = try Int.fetchOne(db, sql: "SELECT count(*) FROM thread") ?? 0
                let rooted = try Int.fetchOne(db, sql: "SELECT count(*) FROM thread t JOIN message m ON m.id = t.root_id AND m.thread_id = t.id") ?? 0
                #expect(published == inThreads, "messages and their threads' counts agree")
                #expect(rooted == threads, "every thread's root is published in it")
            }
            let report = try OrganizationReport.build(store: reader)
            #expect(report.rows.reduce(0) { $0 + $1.messages } == report.totalMessages)
            // What readers are shown never holds a message without its thread (the old store showed
            // every message written, and threads only after the import's pass).
            #expect(try Searcher(store: reader).search(try SearchQuery.parse("concurrency")).allSatisfy { $0.threadID != nil })
            var unthreaded = 0
            try reader.forEachExportedMessage { if $0.threadID == nil { unthreaded += 1 } }
            #expect(unthreaded == 0)
            looks += 1
        }
        _ = try writerResult.all0().get()
        #expect(looks > 3)
        #expect(try reader.counts().messages == 6_000)
    }

    /// Results of the two imports, each written by one iteration and read after both finish.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int: Result<ImportSummary, any Error>] = [:]
        func set(_ i: Int, _ r: Result<ImportSummary, any Error>) { lock.withLock { values[i] = r } }
        func all() -> [Result<ImportSummary, any Error>] { lock.withLock { [values[0]!, values[1]!] } }   // both iterations ran
        func all0() -> Result<ImportSummary, any Error> { lock.withLock { values[0]! } }
    }
}
