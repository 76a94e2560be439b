import Foundation
import GRDB
@testable import ListLensIndex
@testable import ListLensSQLite
import ListLensTestSupport
import Testing

/// Identity merging scored against persons labelled by hand (fixtures/identities/labelled-persons.tsv,
/// with the evidence for each entry): over every pair of labelled addresses of one archive, a pair
/// ListLens puts in one person is right when the labels agree. Precision and recall are printed; the
/// bar is the issue's: precision at least 0.99, F1 at least 0.98. openbmc and lkml are imported here;
/// twisted-python by `CorpusTests`, which calls ``checkTwisted(_:)`` (one import serves both).
@Suite("Identity merging against labelled persons",
       .enabled(if: Fixtures.corpora != nil, "LISTLENS_CORPORA is not set: identity scores skipped"))
struct IdentityScoreTests {
    struct Score: CustomStringConvertible {
        var archive: String
        var addresses = 0, missing: [String] = []
        var truePairs = 0, falsePairs = 0, missedPairs = 0
        var precision: Double { truePairs + falsePairs == 0 ? 1 : Double(truePairs) / Double(truePairs + falsePairs) }
        var recall: Double { truePairs + missedPairs == 0 ? 1 : Double(truePairs) / Double(truePairs + missedPairs) }
        var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        var description: String {
            "\(archive) identities: \(addresses) labelled addresses; pairs joined right \(truePairs), wrongly \(falsePairs), missed \(missedPairs); "
                + String(format: "precision %.4f, recall %.4f, F1 %.4f", precision, recall, f1)
                + (missing.isEmpty ? "" : "; not in the store: \(missing.joined(separator: ", "))")
        }
    }

    /// The labelled (person, address) entries of one archive.
    static func labels(_ archive: String) throws -> [(person: String, address: String)] {
        try String(contentsOfFile: Fixtures.path("identities/labelled-persons.tsv"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
            .filter { $0.count == 4 && $0[0] == archive }
            .map { ($0[1], $0[2]) }
    }

    static func score(_ store: SQLiteStore, archive: String) throws -> Score {
        let labels = try labels(archive)
        let persons: [String: Int64] = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT key, COALESCE(person_id, id) FROM participant").reduce(into: [:]) { $0[$1[0]] = $1[1] }
        }
        var s = Score(archive: archive)
        let present = labels.filter { persons[$0.address] != nil }
        s.missing = labels.filter { persons[$0.address] == nil }.map(\.address)
        s.addresses = present.count
        for i in present.indices {
            for j in present.indices where j > i {
                let same = present[i].person == present[j].person
                let joined = persons[present[i].address] == persons[present[j].address]
                switch (same, joined) {
                case (true, true): s.truePairs += 1
                case (false, true): s.falsePairs += 1
                case (true, false): s.missedPairs += 1
                case (false, false): break
                }
            }
        }
        return s
    }

    static func check(_ s: Score) {
        print(s)
        #expect(s.missing.isEmpty, "every labelled address is a stored sender: \(s)")
        #expect(s.precision >= 0.99, "\(s)")
        #expect(s.f1 >= 0.98, "\(s)")
    }

    @Test("openbmc and lkml: the persons labelled by hand, and the traps kept apart")
    func openbmcAndLKML() throws {
        let corpora = URL(fileURLWithPath: Fixtures.corpora!)
        for (archive, paths) in [
            ("openbmc", (1...4).map { corpora.appendingPathComponent("openbmc-public-inbox/openbmc-2020-0\($0).mbox.gz").path }),
            ("lkml", [corpora.appendingPathComponent("notmuch-test-corpora/test/corpora/lkml").path]),
        ] {
            let (store, cleanup) = try ThrowawayStore.fresh()
            defer { cleanup() }
            _ = try Importer(store: store).run(paths: paths)
            Self.check(try Self.score(store, archive: archive))
        }
    }

    /// On the twisted-python store `CorpusTests` imports.
    static func checkTwisted(_ store: SQLiteStore) throws {
        check(try score(store, archive: "twisted-python"))
    }
}
