import Foundation
import GRDB
@testable import ListLensIndex
@testable import ListLensSQLite
import ListLensAnalysis
import ListLensTestSupport
import Testing

/// The automated-sender pass flags the systems of an archive after every import, and reports leave
/// their messages out unless asked: on a fixture whose every sender is known by hand, and on the
/// twisted-python archive (``checkTwisted(_:_:sourceLocation:)``, run by `CorpusTests`), whose Trac
/// was counted as one of its busiest people.
@Suite("Automated senders in the store")
struct AutomatedSenderPassTests {
    func flags(_ store: SQLiteStore) throws -> [String: String] {
        try store.read { db in
            try Row.fetchAll(db, sql: "SELECT key, automated FROM participant WHERE automated IS NOT NULL").reduce(into: [:]) { $0[$1[0]] = $1[1] }
        }
    }

    @Test("the fixture's list address, Trac, Jenkins and mailer daemon are flagged; orgs leaves their messages out unless asked")
    func fixture() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let summary = try Importer(store: store).run(paths: [Fixtures.path("identities/automated.mbox")])
        #expect(summary.imported == 8)
        let expected = ["twisted-python@twistedmatrix.example": "list-address", "trac@twistedmatrix.example": "tracker",
                        "builds@ci.example.org": "ci", "mailer-daemon@mx.twistedmatrix.example": "mail-system"]
        #expect(try flags(store) == expected)
        #expect(summary.automatedSenders?.senders == 4 && summary.automatedSenders?.messages == 4)

        let people = try OrganizationReport.build(store: store)
        #expect(people.totalMessages == 4 && people.leftOut == .init(messages: 4, senders: 4))
        let byOrg = Dictionary(uniqueKeysWithValues: people.rows.map { ($0.organization ?? "-", ($0.messages, $0.people)) })
        #expect(byOrg.count == 3)
        #expect(byOrg["twistedmatrix.example"]! == (2, 1) && byOrg["brainbot.example"]! == (1, 1) && byOrg["daemon.example"]! == (1, 1))
        #expect(people.rows.allSatisfy { $0.organization != "example.org" }, "Jenkins's organization had only Jenkins")

        let all = try OrganizationReport.build(store: store, includingAutomated: true)
        #expect(all.totalMessages == 8 && all.leftOut == .init())
        #expect(all.rows.first { $0.organization == "twistedmatrix.example" }.map { ($0.messages, $0.people) }! == (5, 4))
    }

    @Test("flags follow the rules on every import: a flag cleared by hand comes back, one set by hand on a person goes")
    func reapplied() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [Fixtures.path("identities/automated.mbox")])
        let before = try flags(store)
        try store.write { db in
            try db.execute(sql: "UPDATE participant SET automated = NULL WHERE key = 'trac@twistedmatrix.example'")
            try db.execute(sql: "UPDATE participant SET automated = 'bot' WHERE key = 'ralf@brainbot.example'")
        }
        let report = try AutomatedSenderPass.run(on: store)
        #expect(report.changed == 2)
        #expect(try flags(store) == before)
        #expect(try AutomatedSenderPass.run(on: store).changed == 0, "a second run changes nothing")
    }

    @Test("v13 adds the flag to an older store, and its next import fills it")
    func migration() throws {
        let dir = try TemporaryDirectory()
        let path = try oldStore(in: dir, upTo: "v12-no-shingle-index") { _ in }
        let store = try SQLiteStore(path: path)
        #expect(try store.appliedMigrations().contains("v13-automated-senders"))
        _ = try Importer(store: store).run(paths: [Fixtures.path("identities/automated.mbox")])
        #expect(try flags(store).count == 4)
    }

    /// On the twisted-python store `CorpusTests` imports (one import of the 248 months serves both):
    /// Trac's 352 messages are a tracker's, and orgs agrees with a plain count of the people's messages.
    static func checkTwisted(_ store: SQLiteStore, _ summary: ImportSummary, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let flagged = try AutomatedSenderPassTests().flags(store)
        #expect(flagged["trac@twistedmatrix.com"] == "tracker", sourceLocation: sourceLocation)
        let busiest = try #require(summary.automatedSenders?.busiest.first, sourceLocation: sourceLocation)
        #expect(busiest.address == "trac@twistedmatrix.com" && busiest.messages == 352, sourceLocation: sourceLocation)
        print("twisted-python automated senders: \(flagged.count), \(summary.automatedSenders?.messages ?? 0) messages; "
              + flagged.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", "))
        // The report's figures against one plain query over the messages and their senders.
        let report = try OrganizationReport.build(store: store)
        let plain = try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT o.name, count(*) FROM message m JOIN participant p ON p.id = m.participant_id
                LEFT JOIN organization o ON o.id = m.organization_id
                WHERE m.thread_id IS NOT NULL AND p.automated IS NULL GROUP BY o.name
                """).reduce(into: [String: Int]()) { $0[$1[0] ?? "-"] = $1[1] }
        }
        let noSender = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM message WHERE thread_id IS NOT NULL AND participant_id IS NULL") ?? 0 }
        var reported = Dictionary(uniqueKeysWithValues: report.rows.map { ($0.organization ?? "-", $0.messages) })
        reported["-", default: 0] -= noSender
        #expect(reported.filter { $0.value != 0 } == plain, sourceLocation: sourceLocation)
        #expect(report.leftOut.messages == summary.automatedSenders?.messages, sourceLocation: sourceLocation)
    }
}
