import Foundation
import Testing
import ListLensIndex
@testable import ListLensSQLite
import ListLensTestSupport

/// A query has a time limit: past it the store stops the query and says so, and answers the next.
@Suite("Search time limit")
struct SearchTimeLimitTests {
    @Test("a query that runs past its time limit is stopped with an error that names the limit; the next query runs")
    func stopped() throws {
        let dir = try TemporaryDirectory("time-limit")
        // Three thousand small messages: a subject: search reads every one of them.
        var mbox = ""
        for i in 0..<3000 {
            mbox += """
                From sender\(i % 50)@example.org Mon Jan  4 10:00:00 2021
                From: Sender \(i % 50) <sender\(i % 50)@example.org>
                Message-ID: <limit-\(i)@example.org>
                Date: Mon, 4 Jan 2021 10:00:00 +0000
                Subject: note \(i)

                Words of message \(i).


                """
        }
        let path = dir.file("many.mbox")
        try Data(mbox.utf8).write(to: URL(fileURLWithPath: path))
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        #expect(try Importer(store: store).run(paths: [path]).imported == 3000)

        let query = try SearchQuery.parse("subject:zzzz")
        let hurried = Searcher(store: store, timeLimit: .microseconds(1))
        #expect(throws: SearchTimeLimitExceeded(limit: .microseconds(1))) { try hurried.search(query) }
        #expect(throws: SearchTimeLimitExceeded(limit: .microseconds(1))) { try hurried.count(query) }
        #expect(SearchTimeLimitExceeded(limit: .seconds(10)).description.hasPrefix("the query ran longer than 10 s, its time limit"))
        #expect(SearchTimeLimitExceeded(limit: .milliseconds(250)).description.contains("longer than 250 ms"))

        // The same connection, the limit lifted: the query runs to its end.
        let patient = Searcher(store: store)
        #expect(try patient.search(query).isEmpty)
        #expect(try patient.count(try SearchQuery.parse("subject:note")) == 3000)
    }
}
