import Foundation
import ListLensIndex
@testable import ListLensSQLite
import ListLensTestSupport
import Testing

/// Each search field and operator against the same question answered another way: Python's email
/// package reading the archive files (scripts/search_oracle.py), or `export`'s messages. One store:
/// four openbmc months (patches, IBM, Cc lines) and six twisted-python months whose senders write
/// `Hervé`, `Möllenbeck` and `Роман Мещеряков`.
@Suite("Search fields against independent counts",
       .enabled(if: Fixtures.corpora != nil, "LISTLENS_CORPORA is not set: search oracle checks skipped"))
struct SearchOracleTests {
    static var files: [String] {
        let corpora = URL(fileURLWithPath: Fixtures.corpora!)
        let openbmc = (1...4).map { corpora.appendingPathComponent("openbmc-public-inbox/openbmc-2020-0\($0).mbox.gz").path }
        let twisted = ["2017-January", "2017-March", "2008-March", "2003-May", "2003-June", "2016-January"].map {
            corpora.appendingPathComponent("twisted-pipermail/twisted-python/\($0).txt.gz").path
        }
        return openbmc + twisted
    }

    /// The store's hits for a query, as Message-IDs (those ListLens made for messages without one left out).
    static func hits(_ store: SQLiteStore, _ query: String) throws -> Set<String> {
        let found = try Searcher(store: store).search(try SearchQuery.parse(query), limit: 1_000_000)
        #expect(try Searcher(store: store).count(try SearchQuery.parse(query)) == found.count, "\(query): count and hits agree")
        return Set(found.map(\.messageID).filter { !$0.hasSuffix("@listlens.invalid") })
    }

    @Test("from:, to:, cc:, date:, after:, before:, tag:, is:patch, mid:, has:, AND, OR and - equal Python's reading of the headers")
    func headers() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: Self.files)
        let queries = [
            // Folding: the other case, no accents, another script's capitals.
            "from:HERVÉ", "from:herve", "from:мещеряков", "from:МЕЩЕРЯКОВ", "from:mollenbeck", "from:andrew",
            // Too short for the trigram index; a part of one of a sender's names.
            "from:aj", "from:lefkowitz",
            #"from:"Andrew Jeffery""#,
            "to:openbmc@lists.ozlabs.org", "to:joel", "cc:ibm.com", #"cc:"Andrew Jeffery""#,
            "date:2020-03", "date:2020-02-10..2020-03-05", "after:2020-03", "before:2020-02-15", "date:..2013", "date:2008..",
            "date:2017-03-01", "tag:twisted-python", "tag:TWISTED-PYTHON", "is:patch",
            "mid:<20200225171053.298822-1-msbarth@linux.ibm.com>",
            "from:andrew OR from:joel", "is:patch -from:andrew", "-is:patch", "from:ibm -cc:ibm", "from:glyph date:2008-03",
            "to:openbmc date:2020-04 OR cc:openbmc date:2020-04",
            "has:html", "has:attachment", "-has:html", "has:attachment date:2020-03", "has:html -has:attachment", "has:html OR has:attachment",
        ]
        let oracle = try ProcessRunner.require("python3", [Fixtures.repositoryRoot.appendingPathComponent("scripts/search_oracle.py").path]
                                                   + queries.flatMap { ["--query", $0] } + Self.files)
        let expected = try JSONDecoder().decode([String: [String]].self, from: Data(oracle.stdout.utf8))
        for query in queries {
            let theirs = Set(try #require(expected[query], "\(query)"))
            #expect(!theirs.isEmpty, "\(query) matches something")
            let ours = try Self.hits(store, query)
            #expect(ours == theirs, "\(query): only ListLens \(ours.subtracting(theirs).sorted().prefix(3)), only Python \(theirs.subtracting(ours).sorted().prefix(3))")
        }
        print("search oracle: \(queries.count) queries agree with Python's email package over \(Self.files.count) archive files")
    }

    @Test("org:, list:, thread:, is:reply, is:root, is:unanswered, quotes:, person: equal what export says; docs/search.md's examples run")
    func export() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: Self.files)
        var messages: [ExportedMessage] = []
        try store.forEachExportedMessage { if $0.threadID != nil { messages.append($0) } }
        func ids(_ keep: (ExportedMessage) -> Bool) -> Set<String> {
            Set(messages.filter(keep).map(\.messageID).filter { !$0.hasSuffix("@listlens.invalid") })
        }
        let organization = Dictionary(messages.map { ($0.messageID, $0.organization) }, uniquingKeysWith: { a, _ in a })

        #expect(try Self.hits(store, "org:ibm") == ids { $0.organization == "IBM" || $0.organization == "ibm.com" })
        #expect(try !Self.hits(store, "org:ibm").isEmpty)
        let ibmGPIO = try Self.hits(store, "org:IBM gpio")
        #expect(!ibmGPIO.isEmpty && ibmGPIO.isSubset(of: ids { $0.organization == "IBM" || $0.organization == "ibm.com" }))
        #expect(try Self.hits(store, "list:openbmc") == ids { $0.list == "openbmc" })
        #expect(try Self.hits(store, "list:TWISTED-python") == ids { $0.list == "twisted-python" })

        // A thread by any of its Message-IDs.
        let threads = Dictionary(grouping: messages, by: { $0.threadID ?? "" })
        let big = try #require(threads.values.max { $0.count < $1.count })
        #expect(big.count > 5)
        #expect(try Self.hits(store, "thread:<\(big.last!.messageID)>") == ids { $0.threadID == big[0].threadID })

        // Replies answer a message (found, or named by their headers); roots start threads; the
        // unanswered have no published reply.
        #expect(try Self.hits(store, "is:reply") == ids { $0.parent != nil || !$0.inReplyTo.isEmpty || !$0.references.isEmpty })
        let roots = Set(threads.values.compactMap { thread in thread.first { $0.parent == nil }?.messageID })
        #expect(try Self.hits(store, "is:root") == roots.filter { !$0.hasSuffix("@listlens.invalid") })
        let answered = Set(messages.compactMap(\.parent))
        #expect(try Self.hits(store, "is:unanswered") == ids { !answered.contains($0.messageID) })
        #expect(try Self.hits(store, "is:root -is:unanswered") == roots.intersection(answered).filter { !$0.hasSuffix("@listlens.invalid") })

        // Quoting IBM: a quoted segment whose source message is IBM's (an organization of that name
        // exists, so `quotes:ibm` is it, not the addresses holding "ibm").
        func quoting(_ source: (String) -> Bool) -> Set<String> {
            ids { m in (m.quoteSources ?? [:]).values.contains { s in s.messageID.map(source) ?? false } }
        }
        let quotingIBM = quoting { organization[$0].map { $0 == "IBM" || $0 == "ibm.com" } ?? false }
        #expect(!quotingIBM.isEmpty)
        #expect(try Self.hits(store, "quotes:ibm") == quotingIBM)

        // person: every address of the persons one of whose addresses or names holds the value.
        let participants = try store.pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT p.key FROM participant p WHERE COALESCE(p.person_id, p.id) IN
                    (SELECT COALESCE(person_id, id) FROM participant WHERE key LIKE '%andrew@aj.id.au%')
                """)
        }
        #expect(participants.count >= 1)
        #expect(try Self.hits(store, "person:ANDREW@aj.id.au") == ids { $0.participant.map(participants.contains) ?? false })
        #expect(try Self.hits(store, "person:andrew@aj.id.au").isSuperset(of: Self.hits(store, "from:andrew@aj.id.au")))
        // No organization is named so: quotes: is the person.
        let participant = Dictionary(messages.map { ($0.messageID, $0.participant) }, uniquingKeysWith: { a, _ in a })
        let quotingAndrew = quoting { participant[$0].map { $0.map(participants.contains) ?? false } ?? false }
        #expect(!quotingAndrew.isEmpty)
        #expect(try Self.hits(store, "quotes:andrew@aj.id.au") == quotingAndrew)

        // A prefix finds every word it starts, whatever the stemmer makes of them (`generated` is
        // indexed under `gener`): counted here over the export's quoted text.
        for prefix in ["generat", "prototy", "callback", "happ"] {
            let expected = ids { m in
                m.quotedText.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).contains { $0.hasPrefix(prefix) }
            }
            #expect(!expected.isEmpty, "\(prefix)")
            #expect(try Self.hits(store, "quoted:\(prefix)*") == expected, "quoted:\(prefix)*")
        }

        // What someone wrote: Glyph's reply (sent without `Re:`) inherits "Shiji" in its subject and
        // quotes it; its own words never say it.
        let shiji = "D2C46A71-2163-4FFA-AEE3-ACECB6B9C8EA@twistedmatrix.com"
        #expect(try !Self.hits(store, "from:glyph shiji").contains(shiji))
        #expect(try Self.hits(store, "from:glyph any:shiji").contains(shiji))
        #expect(try Self.hits(store, "from:glyph subject:shiji").contains(shiji))
        #expect(try Self.hits(store, "shiji").count == 1, "the message that set the subject")

        // Every example in docs/search.md's tables: the first column's `code`, each finding messages
        // (relative dates run, but this store's messages are years old).
        let doc = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("docs/search.md"), encoding: .utf8)
        var examples: [String] = []
        var table = ""
        for line in doc.split(separator: "\n") {
            if line.hasPrefix("## ") { table = String(line) }
            guard line.hasPrefix("| `"), table == "## Words and operators" || table == "## Fields" else { continue }
            let first = line.dropFirst(2).prefix { $0 != "|" }
            examples += first.split(separator: "`").enumerated().filter { $0.offset % 2 == 0 && !$0.element.hasPrefix(",") && !$0.element.allSatisfy { $0 == " " } }.map { String($0.element) }
        }
        #expect(examples.count >= 40, "\(examples)")
        for example in examples {
            let found = try Searcher(store: store).count(try SearchQuery.parse(example))
            let relative = example.hasPrefix("date:") && example.dropFirst(5).first.map { $0.isNumber } == true && example.count <= 8
            if !relative { #expect(found > 0, "docs/search.md: \(example) finds nothing") }
        }

        // Words alone are ranked by the index before any message is read; a condition true of
        // every message sends the same words through the general plan: the same hits, in order.
        let searcher = Searcher(store: store)
        for words in ["reactor", "deferred errback", #""device tree""#, "gpio OR i2c", "callback*", "twisted", "-reactor deferred"] {
            let fast = try searcher.search(try SearchQuery.parse(words), limit: 20)
            let general = try searcher.search(try SearchQuery.parse("(\(words)) -mid:<no-such-message@listlens.test>"), limit: 20)
            #expect(!fast.isEmpty, "\(words)")
            #expect(fast.map(\.rank) == general.map(\.rank), "\(words): ranks in order")
            #expect(fast.map(\.date) == general.map(\.date), "\(words): ties newest first")
            #expect(Set(fast.map(\.messageID)) == Set(general.map(\.messageID)), "\(words)")
            #expect(try searcher.count(try SearchQuery.parse(words)) == searcher.count(try SearchQuery.parse("(\(words)) -mid:<no-such-message@listlens.test>")))
        }
    }
}
