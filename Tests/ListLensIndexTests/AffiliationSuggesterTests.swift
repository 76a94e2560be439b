import Testing
@testable import ListLensIndex
import ListLensAnalysis

/// How `affiliations suggest` turns evidence into periods, on evidence written by hand: spans per
/// organization, no period where two organizations' spans overlap, days as the file writes them.
@Suite("Suggested affiliations")
struct AffiliationSuggesterTests {
    /// Evidence as a store would give it, and every message counting elsewhere in a span.
    struct Evidence: AffiliationEvidenceStore {
        var uses: [AddressUse]
        var signed: [SignedMessage] = []
        func addressUses() throws -> [AddressUse] { uses }
        func organizations(writtenFromByAtLeast persons: Int) throws -> [String] { ["widgets.example"] }
        func signedMessagesWithoutOrganization(_ body: (SignedMessage) throws -> Void) throws { for m in signed { try body(m) } }
        func messagesCountingElsewhere(person: Int64, organization: String, from: Int64, until: Int64) throws -> Int { 1 }
    }

    static func day(_ text: String) -> Int64 { Affiliations.Period.day(text)! }

    @Test("what is left of a span outside others", arguments: [
        ([(10, 20)], (0, 30), [(0, 10), (20, 30)]),
        ([(0, 5), (25, 40)], (0, 30), [(5, 25)]),
        ([(-5, 50)], (0, 30), []),
        ([(30, 40)], (0, 30), [(0, 30)]),
    ] as [([(Int64, Int64)], (Int64, Int64), [(Int64, Int64)])])
    func subtract(others: [(Int64, Int64)], span: (Int64, Int64), left: [(Int64, Int64)]) {
        let got = AffiliationSuggester.subtract(others.map { (from: $0.0, until: $0.1) }, from: (from: span.0, until: span.1))
        #expect(got.map(\.from) == left.map(\.0) && got.map(\.until) == left.map(\.1))
    }

    @Test("two employers at once: neither is suggested where their spans overlap")
    func overlap() throws {
        let resolver = AffiliationResolver(organizations: OrganizationResolver(suffixes: .builtin, webmail: []))
        let store = Evidence(uses: [
            AddressUse(person: 1, personName: "Stephen Example", address: "s@nasa.example", organization: "nasa.example",
                       messages: 40, first: Self.day("2002-05-22") + 3_600, last: Self.day("2012-06-15") + 3_600),
            AddressUse(person: 1, personName: "Stephen Example", address: "s@pangalactic.example", organization: "pangalactic.example",
                       messages: 30, first: Self.day("2006-09-24") + 7_200, last: Self.day("2017-02-22") + 7_200),
            AddressUse(person: 1, personName: "Stephen Example", address: "s@gmail.example", organization: nil,
                       messages: 9, first: Self.day("2003-01-01"), last: Self.day("2016-01-01")),
        ])
        let suggestions = try AffiliationSuggester(resolver: resolver).suggestions(from: store)
        #expect(suggestions.map(\.organization) == ["nasa.example", "pangalactic.example"])
        #expect(suggestions.map(\.from) == ["2002-05-22", "2012-06-16"])
        #expect(suggestions.map(\.until) == ["2006-09-24", "2017-02-23"])
        #expect(suggestions.allSatisfy { $0.addresses == ["s@nasa.example", "s@pangalactic.example", "s@gmail.example"] })
    }

    @Test("people the file dates get none; too little evidence gets none")
    func leftAlone() throws {
        var file = Affiliations()
        _ = file.setAffiliation(of: ["s@gmail.example"], to: "Elsewhere", from: "2001-01-01")
        let resolver = AffiliationResolver(file, organizations: OrganizationResolver(suffixes: .builtin, webmail: []))
        let uses = [AddressUse(person: 1, personName: "S", address: "s@nasa.example", organization: "nasa.example", messages: 5,
                               first: Self.day("2002-01-01"), last: Self.day("2003-01-01")),
                    AddressUse(person: 1, personName: "S", address: "s@gmail.example", organization: nil, messages: 2,
                               first: Self.day("2002-06-01"), last: Self.day("2002-07-01")),
                    AddressUse(person: 2, personName: "T", address: "t@nasa.example", organization: "nasa.example", messages: 1,
                               first: Self.day("2002-01-01"), last: Self.day("2002-01-01"))]
        #expect(try AffiliationSuggester(resolver: resolver).suggestions(from: Evidence(uses: uses)).isEmpty)
    }
}
