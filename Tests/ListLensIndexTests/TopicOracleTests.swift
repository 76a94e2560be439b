import Foundation
import GRDB
import ListLensAnalysis
@testable import ListLensIndex
@testable import ListLensSQLite
import ListLensTestSupport
import Testing

/// Topics on real archives (the search oracle's four openbmc and six twisted-python months):
/// subject tags against Python's reading of the subjects (scripts/search_oracle.py), `topic:`
/// against the threads export gives, key phrases against the threads' own words, and the counts
/// the store keeps against a count of its rows, also after a removal.
@Suite("Topics against independent counts",
       .enabled(if: Fixtures.corpora != nil, "LISTLENS_CORPORA is not set: topic oracle checks skipped"))
struct TopicOracleTests {
    @Test("topic tags, topic:, key phrases and the topics report agree with Python and with export")
    func topics() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let summary = try Importer(store: store).run(paths: SearchOracleTests.files)
        let pass = try #require(summary.topics)
        #expect(pass.threads > 500 && pass.tagged > 0 && pass.withKeyPhrases > 100, "\(pass)")

        var messages: [ExportedMessage] = []
        try store.forEachExportedMessage { if $0.threadID != nil { messages.append($0) } }
        let byThread = Dictionary(grouping: messages, by: { $0.threadID ?? "" })
        let threadOf = Dictionary(messages.map { ($0.messageID, $0.threadID ?? "") }, uniquingKeysWith: { a, _ in a })

        // Python's reading of the subjects: the messages carrying each topic tag.
        let tags = ["sdbusplus", "ANN", "Twisted-commits", "Tutor"]
        let oracle = try ProcessRunner.require("python3", [Fixtures.repositoryRoot.appendingPathComponent("scripts/search_oracle.py").path]
                                                   + tags.flatMap { ["--query", "tag:\($0)"] } + SearchOracleTests.files)
        let expected = try JSONDecoder().decode([String: [String]].self, from: Data(oracle.stdout.utf8))
        for tag in tags {
            let tagged = Set(try #require(expected["tag:\(tag)"]))
            #expect(!tagged.isEmpty, "\(tag) is on some subject")
            let ours = try SearchOracleTests.hits(store, "topic:\(tag.lowercased())")
            #expect(tagged.isSubset(of: ours), "\(tag): every message carrying it is found; missing \(tagged.subtracting(ours).sorted().prefix(3))")
            // The rest of each thread holding one, and the threads whose key phrase the word is: nothing else.
            let threads = Set(tagged.compactMap { threadOf[$0] }).union(try keyPhraseThreads(store, tag.folded))
            let whole = Set(threads.flatMap { byThread[$0] ?? [] }.map(\.messageID).filter { !$0.hasSuffix("@listlens.invalid") })
            #expect(ours == whole, "\(tag): only ListLens \(ours.subtracting(whole).sorted().prefix(3)), only the threads \(whole.subtracting(ours).sorted().prefix(3))")
        }

        let report = try store.topicReport(ReportQuery(), first: nil)
        #expect(report.threadsPending == 0)
        let tagRows = report.rows.filter { $0.kind == "tag" }
        let tagNames = Set(tagRows.map { $0.topic.lowercased() })
        for tag in tags { #expect(tagNames.contains(tag.lowercased()), "\(tag) is a topic") }
        for row in tagRows {
            #expect(SubjectTag.kind(of: row.topic) != .patch && SubjectTag.kind(of: row.topic) != .notice, "[\(row.topic)] is not a topic")
            #expect(!["openbmc", "twisted-python"].contains(row.topic.lowercased()), "a list's own name is not a topic")
        }
        // A tag's messages are its threads' counted messages: at least those carrying it.
        for tag in tags {
            let row = try #require(tagRows.first { $0.topic.lowercased() == tag.lowercased() })
            let tagged = Set(try #require(expected["tag:\(tag)"]))
            #expect(row.threads == Set(tagged.compactMap { threadOf[$0] }).count, "\(tag): threads")
            #expect(row.messages >= tagged.count - 1, "\(tag): \(row.messages) messages")   // an automated sender's may be left out
        }

        // Key phrases: written at least twice in their thread's own words, none a stopword.
        let phrases = report.rows.filter { $0.kind == "phrase" }
        #expect(phrases.count > 100)
        let keys = try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT t.key AS thread, p.name, tt.occurrences FROM thread_topic tt JOIN topic p ON p.id = tt.topic_id
                JOIN thread t ON t.id = tt.thread_id WHERE tt.key = 1 AND p.kind = 'phrase'
                """).map { (thread: $0["thread"] as String, phrase: $0["name"] as String, occurrences: $0["occurrences"] as Int) }
        }
        #expect(keys.count >= phrases.count)
        var checked = 0
        for key in keys.prefix(300) {
            #expect(key.occurrences >= KeyPhrases.minimumOccurrences)
            #expect(!key.phrase.split(separator: " ").contains { Stopwords.contains($0) }, "\(key.phrase)")
            // Export keys threads by their key; the phrase is in the thread's own words (folded).
            guard let thread = byThread[key.thread] else { continue }
            func words(_ text: String) -> String {
                " " + text.folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).joined(separator: " ") + " "
            }
            let written = words(thread.map { $0.subject + " " + $0.authoredText }.joined(separator: " "))
            #expect(written.contains(words(key.phrase)), "\(key.phrase) is written in its thread")
            checked += 1
        }
        #expect(checked > 100)

        // One organization's topics: fewer messages each, all of them its own.
        let ibm = try store.topicReport(ReportQuery(organization: "ibm.com"), first: 10)
        #expect(!ibm.rows.isEmpty)
        for row in ibm.rows {
            let all = try #require(report.rows.first { $0.topic == row.topic && $0.kind == row.kind })
            #expect(row.messages <= all.messages)
            #expect(row.organizations.map(\.name) == ["ibm.com"], "\(row.organizations)")
        }
        // By year: each year's topics, within the year.
        let byYear = try store.topicReport(ReportQuery(by: .year), first: 3)
        #expect(Set(byYear.rows.compactMap(\.period)) == ["2003", "2008", "2016", "2017", "2020"])
        for row in byYear.rows { #expect(row.firstMessage?.hasPrefix(row.period ?? "-") == true) }

        try checkCounts(store)
        // Removing a month: its threads' topics go or are found again, and the counts stay right.
        _ = try Remover(store: store).run([SearchOracleTests.files[0]])
        try checkCounts(store)
        #expect(try store.topicReport(ReportQuery(), first: 1).threadsPending == 0)
    }

    @Test("a tag naming the list a message came through is not a topic, whichever list its thread started on")
    func crossPosted() {
        let thread = TopicThreadInput(thread: 1, subjects: [
            .init("[infra] [nova] Quota alerts", list: "infra"),
            .init("Re: [docs] [nova] Quota alerts", list: "docs"),
            .init("Re: [PATCH v2 1/3] [nova] Quota alerts", list: nil),
        ], texts: [])
        let tags = TopicPass.topics(of: thread).tags
        #expect(tags.map(\.name) == ["nova"])
        #expect(tags.first?.messages == 3)
    }

    /// The keys (as export names them) of the threads whose key phrases hold `phrase`.
    func keyPhraseThreads(_ store: SQLiteStore, _ phrase: String) throws -> Set<String> {
        try store.read { db in
            Set(try String.fetchAll(db, sql: """
                SELECT t.key FROM thread_topic tt JOIN topic p ON p.id = tt.topic_id JOIN thread t ON t.id = tt.thread_id
                WHERE tt.key = 1 AND p.kind = 'phrase' AND p.name = ?
                """, arguments: [phrase]))
        }
    }

    /// `topic.threads` is the number of threads holding each topic, as the triggers keep it.
    func checkCounts(_ store: SQLiteStore) throws {
        let wrong = try store.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM topic t WHERE t.threads != (SELECT count(*) FROM thread_topic tt WHERE tt.topic_id = t.id)
                """)
        }
        #expect(wrong == 0)
        let orphans = try store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM thread_topic tt WHERE NOT EXISTS (SELECT 1 FROM thread t WHERE t.id = tt.thread_id)")
        }
        #expect(orphans == 0)
    }
}
