import Foundation
import GRDB
@testable import ListLensIndex
@testable import ListLensSQLite
import ListLensAnalysis
import ListLensMail
import ListLensTestSupport
import Testing

/// The identity pass joins a store's addresses into persons after every import, and the people
/// report and `--explain` read them: on a fixture whose persons are known by hand
/// (fixtures/identities/persons.mbox), and on the twisted-python archive (``checkTwisted(_:_:)``).
@Suite("Persons in the store")
struct IdentityPassTests {
    static func persons(_ store: SQLiteStore) throws -> Set<Set<String>> {
        try store.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT COALESCE(person_id, id), key FROM participant")
            return Set(Dictionary(grouping: rows, by: { $0[0] as Int64 }).values.map { Set($0.map { $0[1] as String }) })
        }
    }

    @Test("the fixture's fourteen addresses are the nine persons known by hand")
    func fixture() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let summary = try Importer(store: store).run(paths: [Fixtures.path("identities/persons.mbox")])
        #expect(summary.imported == 15)
        #expect(summary.identities?.addresses == 14 && summary.identities?.persons == 9)
        #expect(summary.identities?.joined == ["same-name": 2, "same-mailbox": 2, "rewritten-name": 1])
        #expect(summary.rewritten == 1)
        let expected: Set<Set<String>> = [
            ["glyph@twistedmatrix.example", "glyph@divmod.example", "glyph+lists@twistedmatrix.example"],
            ["exarkun@divmod.example", "exarkun@twistedmatrix.example"],
            ["support@acme.example"], ["help@other.example"], ["info@ann-lee.example"],
            ["ann@lee.example", "twisted-python@twistedmatrix.example#ann lee"], ["shared@family.example"], ["bob@kim.example"],
            ["a.lee@gmail.com", "alee@googlemail.com"],
        ]
        #expect(try Self.persons(store) == expected)
        #expect(try IdentityPass.run(on: store).changed == 0, "a second run changes nothing")

        let report = try PeopleReport.build(store: store)
        let glyph = try #require(report.rows.first)
        #expect(glyph.name == "Glyph Lefkowitz" && glyph.messages == 3 && glyph.addresses == 3 && glyph.key == "glyph@twistedmatrix.example")
        #expect(glyph.threadsStarted == 1 && glyph.threadsJoined == 1)
        // p4 answers Jean-Paul's p3, and Jean-Paul's p2 answers p1; p5 answers Glyph himself, which does not count.
        #expect(glyph.answersMost?.name == "Jean-Paul Calderone" && glyph.answersMost?.replies == 1)
        #expect(glyph.answeredMostBy?.name == "Jean-Paul Calderone" && glyph.answeredMostBy?.replies == 1)
        #expect(report.rows.count == 9 && report.rows.reduce(0) { $0 + $1.messages } == 15)
        #expect(try PeopleReport.build(store: store, .init(organization: "divmod.example")).rows.map(\.messages) == [1, 1])
        let march3 = try #require(CalendarPeriod("2026-03-03"))
        #expect(try PeopleReport.build(store: store, .init(since: march3.start, until: march3.end)).rows.map(\.messages) == [2, 1])

        let explained = try store.explainPerson("GLYPH@divmod.example")
        #expect(explained.count == 1)
        let addresses = try #require(explained.first?.addresses)
        #expect(addresses.map(\.address) == ["glyph@twistedmatrix.example", "glyph@divmod.example", "glyph+lists@twistedmatrix.example"])
        #expect(addresses.map(\.rule) == [nil, "same-name", "same-mailbox"])
        #expect(addresses[1].joinedTo == "glyph@twistedmatrix.example" && addresses[1].evidence?.contains("\"Glyph Lefkowitz\"") == true)
        #expect(try store.explainPerson("ann lee").count == 2, "a name two persons used names both")
        #expect(try store.explainPerson("nobody@nowhere.example").isEmpty)
    }

    @Test("orgs counts persons: Glyph's two twistedmatrix addresses are one of its people")
    func orgsCountPersons() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [Fixtures.path("identities/persons.mbox")])
        let rows = try OrganizationReport.build(store: store).rows
        let twisted = try #require(rows.first { $0.organization == "twistedmatrix.example" })
        // glyph and glyph+lists (one person) and exarkun; Ann Lee's post the list rewrote is hers, not the list's domain's.
        #expect(twisted.messages == 3 && twisted.people == 2)
    }

    @Test("the organization pass puts back what the rules say, for the address and its messages")
    func organizations() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [Fixtures.path("identities/persons.mbox")])
        // As an older version's rules would have stored them: gmail.com as an organization.
        try store.write { db in
            try db.execute(sql: "INSERT INTO organization (name) VALUES ('gmail.com')")
            try db.execute(sql: """
                UPDATE participant SET organization_id = (SELECT id FROM organization WHERE name = 'gmail.com') WHERE key = 'a.lee@gmail.com';
                UPDATE message SET organization_id = (SELECT id FROM organization WHERE name = 'gmail.com')
                    WHERE participant_id = (SELECT id FROM participant WHERE key = 'a.lee@gmail.com');
                """)
        }
        let resolver = AffiliationResolver(organizations: OrganizationResolver(suffixes: .builtin))
        let report = try AffiliationPass.run(on: store, resolver: resolver, digest: "test")
        #expect(report.messages == 1)
        #expect(try OrganizationReport.build(store: store).rows.allSatisfy { $0.organization != "gmail.com" })
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM organization WHERE name = 'gmail.com'") } == 0)
        #expect(try AffiliationPass.run(on: store, resolver: resolver, digest: "test").messages == 0, "a second run changes nothing")
    }

    @Test("removing the address that joined two others splits them again")
    func removal() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [Fixtures.path("identities/persons.mbox")])
        _ = try Remover(store: store).run(["<p1@x>"])
        let persons = try Self.persons(store)
        #expect(persons.contains(["glyph@divmod.example"]) && persons.contains(["glyph+lists@twistedmatrix.example"]))
        #expect(try store.storedPersons().count == persons.count)
    }

    @Test("v14 gives an older store one person per address, and its next import joins them")
    func migration() throws {
        let dir = try TemporaryDirectory()
        let path = try oldStore(in: dir, upTo: "v13-automated-senders") { _ in }
        let store = try SQLiteStore(path: path)
        #expect(try store.appliedMigrations().contains("v14-persons"))
        _ = try Importer(store: store).run(paths: [Fixtures.path("identities/persons.mbox")])
        #expect(try Self.persons(store).count == 9)
    }

    /// On the twisted-python store `CorpusTests` imports: the persons the issue names are joined,
    /// the list's own address joins nobody, and no person holds two people the archive tells apart.
    static func checkTwisted(_ store: SQLiteStore, _ summary: ImportSummary) throws {
        let persons = try Self.persons(store)
        func person(of address: String) -> Set<String> { persons.first { $0.contains(address) } ?? [] }
        #expect(person(of: "glyph@twistedmatrix.com").isSuperset(of: ["glyph@divmod.com"]))
        #expect(person(of: "exarkun@twistedmatrix.com").isSuperset(of: ["exarkun@divmod.com", "exarkun@intarweb.us"]))
        #expect(person(of: "twisted-python@twistedmatrix.com").count <= 1, "the list's own address joins nobody")
        #expect(person(of: "twisted-python@twistedmatrix.com#shawn church").isSuperset(of: ["sl_church@sbcglobal.net"]),
                "pipermail's twisted-python at twistedmatrix.com (Shawn Church) is Shawn Church's")
        #expect(person(of: "trac@twistedmatrix.com") == ["trac@twistedmatrix.com"])
        #expect(!person(of: "glyph@twistedmatrix.com").contains("exarkun@twistedmatrix.com"))
        let ids = try #require(summary.identities)
        print("twisted-python persons: \(ids.addresses) addresses are \(ids.persons) persons; joined \(ids.joined.sorted { $0.key < $1.key }); From rewritten by the list: \(summary.rewritten) messages")
    }
}
