import Foundation
import GRDB
@testable import ListLensIndex
@testable import ListLensSQLite
import ListLensAnalysis
import ListLensMail
import ListLensTestSupport
import Testing

/// A list's DMARC rewrite of From is undone at import: each post of fixtures/identities/rewritten.mbox
/// counts for the author known by hand, and what is not a rewrite stays as it was.
@Suite("DMARC rewrites undone")
struct RewrittenSenderTests {
    static func participants(_ store: SQLiteStore) throws -> [String: (participant: String, rewritten: String?)] {
        try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.message_id, p.key, m.from_rewritten FROM message m JOIN participant p ON p.id = m.participant_id
                """).reduce(into: [:]) { $0[$1[0]] = ($1[1], $1[2]) }
        }
    }

    @Test("each header that names the author, in the documented order; name only as the last resort")
    func fixture() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let summary = try Importer(store: store).run(paths: [Fixtures.path("identities/rewritten.mbox")])
        #expect(summary.imported == 10)
        #expect(summary.rewritten == 6)
        let got = try Self.participants(store)
        let expected: [String: (String, String?)] = [
            "r1@x": ("bea@cruz.example", "x-original-from"),
            "r2@x": ("carl@otto.example", "x-original-sender"),
            "r3@x": ("dee@park.example", "original-from"),
            "r4@x": ("eve@ng.example", "wrapped-message"),
            "r5@x": ("fay@lu.example", "reply-to"),
            "r6@x": ("cloud-ops@lists.example#gus roy", "name-only"),
            "r7@x": ("gus@roy.example", nil),
            "r8@x": ("hal@ito.example", nil),
            "r9@x": ("cloud-ops@lists.example", nil),
            "r10@x": ("cloud-ops@lists.example", nil),
        ]
        for (id, want) in expected {
            #expect(got[id]?.participant == want.0 && got[id]?.rewritten == want.1, "\(id): \(String(describing: got[id]))")
        }
        // The name-only post joins Gus Roy's own address, and the message counts for his person.
        let gus = try store.explainPerson("gus@roy.example")
        // The rewritten post (r6) was stored first, so its participant is the person's first address.
        #expect(gus.first?.addresses.map(\.address) == ["cloud-ops@lists.example#gus roy", "gus@roy.example"])
        #expect(gus.first?.addresses.contains { $0.rule == "rewritten-name" } == true)
        #expect(gus.first?.messages == 2)
        // The authors' domains are their organizations; the list's is not theirs.
        let orgs = Set(try OrganizationReport.build(store: store).rows.compactMap(\.organization))
        #expect(orgs.isSuperset(of: ["ng.example", "lu.example"]))
        // cruz.example, otto.example and park.example are their one author's surname: personal domains, no organization.
        let personal = try AffiliationsFile(path: "").apply(to: store, always: true)?.organizations.personalDomains.map(\.domain)
        #expect(Set(personal ?? []).isSuperset(of: ["cruz.example", "otto.example", "park.example"]))
        #expect(!orgs.contains("lists.example"), "the list's own notices are automated; its rewritten posts are their authors'")
    }

    @Test("a rewritten author with several persons under the name joins none of them")
    func ambiguousName() {
        let r = IdentityMerger(lists: ["cloud-ops"]).merge([
            .init(id: 1, address: "gus@roy.example", messages: 3, names: [.init(name: "Gus Roy", messages: 3)]),
            .init(id: 2, address: "cloud-ops@lists.example#gus roy", messages: 1, names: [.init(name: "Gus Roy", messages: 1)]),
        ])
        #expect(r.members[2]?.person == 1 && r.members[2]?.rule == .rewrittenName)
        let two = IdentityMerger(rules: [.rewrittenName], lists: ["cloud-ops"]).merge([
            .init(id: 1, address: "gus@roy.example", messages: 3, names: [.init(name: "Gus Roy", messages: 3)]),
            .init(id: 3, address: "gus@other.example", messages: 3, names: [.init(name: "Gus Roy", messages: 3)]),
            .init(id: 2, address: "cloud-ops@lists.example#gus roy", messages: 1, names: [.init(name: "Gus Roy", messages: 1)]),
        ])
        #expect(two.members[2]?.joinedTo == nil, "same-name is off: two persons write as Gus Roy")
    }
}

