import Foundation
@testable import ListLensIndex
import ListLensAnalysis
import ListLensTestSupport
import Testing

/// The files communities keep, read from fixtures/affiliations/ (each written in its tool's own
/// format), and the YAML file itself: what each gives, and what it refuses with its place.
@Suite("Affiliation files")
struct AffiliationFormatTests {
    static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: Fixtures.path("affiliations/" + relative), encoding: .utf8)
    }

    @Test("each fixture's format is found from its content",
          arguments: [("gitdm/email-map", AffiliationFormat.gitdmEmailMap), ("gitdm/aliases", .gitdmAliases),
                      ("gitdm/widgets-group", .gitdmGroup), ("stackalytics/default_data.json", .stackalytics),
                      ("sortinghat/export.json", .sortinghat), ("example.affiliations.yaml", .listlens)])
    func detect(file: String, format: AffiliationFormat) throws {
        #expect(AffiliationFormat.detect(try Self.text(file)) == format)
    }

    @Test("text that is none of them is not taken for one")
    func notAFormat() {
        #expect(AffiliationFormat.detect("Hello,\nthis is a letter about the meeting on Tuesday, nothing more to it.\nRegards\n") == nil)
        #expect(AffiliationFormat.detect("{\"name\": 1}") == nil)
        #expect(AffiliationFormat.detect("\n# only a comment\n") == nil)
    }

    @Test("gitdm's email map: domains, dated histories, and the lines it cannot use with their line")
    func gitdmMap() throws {
        let c = try AffiliationFormat.gitdmEmailMap.convert(try Self.text("gitdm/email-map"))
        #expect(c.affiliations.organizations == [.init(name: "Example Corp", domains: ["example.com", "corp.example.net"]),
                                                 .init(name: "Widgets Inc", domains: ["widgets.example"])])
        #expect(c.affiliations.people == [
            .init(emails: ["ann@example.com"], affiliations: [.init(organization: "Example Corp", until: "2019-07-01"),
                                                               .init(organization: "Widgets Inc", from: "2019-07-01")]),
            .init(emails: ["bob.stone@gmail.com"], affiliations: [.init(organization: "Example Corp", until: "2019-01-01")]),
            .init(emails: ["carol@cd.id.au"], affiliations: [.init(organization: "Widgets Inc")]),
        ])
        #expect(c.skipped.map(\.place) == ["line 9", "line 10"])
        #expect(c.skipped[1].reason == "\"2019-13-01\" is not a yyyy-mm-dd end date")
    }

    @Test("gitdm's aliases and group files")
    func gitdmAliasesAndGroups() throws {
        let aliases = try AffiliationFormat.gitdmAliases.convert(try Self.text("gitdm/aliases"))
        #expect(aliases.affiliations.people == [.init(emails: ["ann@example.com", "ann.lee@widgets.example"])])
        #expect(throws: AffiliationFormat.ConversionError.self) { try AffiliationFormat.gitdmGroup.convert(try Self.text("gitdm/widgets-group")) }
        let group = try AffiliationFormat.gitdmGroup.convert(try Self.text("gitdm/widgets-group"), organization: "Widgets Inc")
        #expect(group.affiliations.people == [.init(emails: ["carol@cd.id.au"], affiliations: [.init(organization: "Widgets Inc")]),
                                              .init(emails: ["dan@corp.example.net"], affiliations: [.init(organization: "Widgets Inc")])])
    }

    @Test("Stackalytics: users' companies in order, each ending on its end_date; *independent periods; companies' domains")
    func stackalytics() throws {
        let c = try AffiliationFormat.stackalytics.convert(try Self.text("stackalytics/default_data.json"))
        #expect(c.affiliations.organizations.map(\.name) == ["*independent", "Example Corp", "Widgets Inc"])
        #expect(c.affiliations.organizations[0].domains.isEmpty, "an empty domain is none")
        #expect(c.affiliations.organizations[1].aliases == ["ExampleCo"])
        #expect(c.affiliations.people[0] == .init(name: "Ann Lee", emails: ["ann@example.com", "ann.lee@widgets.example"], affiliations: [
            .init(organization: "Example Corp", until: "2019-07-01"), .init(organization: "Widgets Inc", from: "2019-07-01")]))
        #expect(c.affiliations.people[1].affiliations == [
            .init(organization: "*independent", until: "2018-01-01"),
            .init(organization: "Example Corp", from: "2018-01-01", until: "2019-01-01"),
            .init(organization: "*independent", from: "2019-01-01")])
        #expect(c.skipped.map(\.place) == ["users[2]"])
        #expect(StackalyticsData.isoDay("2015-Jun-30") == "2015-06-30")
        #expect(StackalyticsData.isoDay("2015-06-30") == "2015-06-30")
        #expect(StackalyticsData.isoDay("30 June") == nil)
    }

    @Test("SortingHat: identities' emails are one person, enrollments are periods, 1900 and 2100 are open")
    func sortinghat() throws {
        let c = try AffiliationFormat.sortinghat.convert(try Self.text("sortinghat/export.json"))
        #expect(c.affiliations.organizations == [.init(name: "Example Corp", domains: ["example.com", "corp.example.net"]),
                                                 .init(name: "Widgets Inc", domains: ["widgets.example"])])
        #expect(c.affiliations.people == [.init(name: "Ann Lee", emails: ["ann@example.com", "ann.lee@widgets.example"], affiliations: [
            .init(organization: "Example Corp", until: "2019-07-01"), .init(organization: "Widgets Inc", from: "2019-07-01")])])
        #expect(c.skipped.map(\.place) == ["uidentities[7f2e]"])
    }

    @Test("a .mailmap's four line forms, its quirks, and the placeholder that stands for two people")
    func mailmap() {
        let text = """
            # comment
            Ann Lee <ann@acme.org> <ann@old.widget.net>
            Ann Lee <ann@acme.org> Annie <annie@home.diaz.net>
            <bob@widget.net> <robert@widget.net>
            Carol Diaz <carol@diaz.net>
            Carol Diaz <cdiaz@acme.org>
            Dmitry B <dmitry@widget.net> <[dmitry@old.widget.net]>
            Wolf D <wd@widget.net> <wd>
            Marek V <marek@widget.net> <marek at old.widget.net>
            Nobody Here <noreply@example.com> <pali@widget.net>
            Nobody Here <noreply@example.com> <stephen@widget.net>
            """
        let c = Mailmap.convert(text)
        let groups = Set(c.affiliations.people.map { Set($0.emails) })
        #expect(groups == [
            ["ann@acme.org", "ann@old.widget.net", "annie@home.diaz.net"],
            ["bob@widget.net", "robert@widget.net"],
            ["carol@diaz.net", "cdiaz@acme.org"],            // two canonical addresses, one proper name
            ["dmitry@widget.net", "dmitry@old.widget.net"],
            ["wd@widget.net"],                               // a name fixed; the bare user name is no address
            ["marek@widget.net", "marek@old.widget.net"],
        ])
        #expect(c.affiliations.people.first { $0.emails.contains("ann@acme.org") }?.name == "Ann Lee")
        #expect(!groups.contains { $0.contains("pali@widget.net") || $0.contains("stephen@widget.net") })
        #expect(c.skipped.map(\.place) == ["line 8", "line 10", "line 11"])
        #expect(Mailmap.isPlaceholder("noreply@example.com") && Mailmap.isPlaceholder("x@host.invalid"))
        #expect(!Mailmap.isPlaceholder("ann@example.co.uk"))
    }

    @Test("the YAML file reads back what it wrote; errors name the line or the entry")
    func yaml() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let example = try AffiliationsFile.load(path: Fixtures.path("affiliations/example.affiliations.yaml"))
        #expect(example.affiliations.organizations.count == 2 && example.affiliations.people.count == 2)
        #expect(example.affiliations.people[0].affiliations[0] == .init(organization: "Example Corp", until: "2019-07-01"))
        #expect(example.affiliations.separate == ["office@smallshop.example"])
        #expect(example.affiliations.personalDomains == ["annlee.example"])
        #expect(example.affiliations.consumerDomains == ["mail.example-isp.net"])
        var copy = AffiliationsFile(path: dir.file("copy.yaml"), affiliations: example.affiliations)
        try copy.save()
        #expect(try AffiliationsFile.load(path: copy.path).affiliations == example.affiliations)
        #expect(copy.digest == (try AffiliationsFile.load(path: copy.path)).digest)
        #expect(try AffiliationsFile.load(path: dir.file("none.yaml")).affiliations == Affiliations())

        let broken = try dir.write("broken.yaml", "people:\n  - emails: [a@b.example\n    name: x\n")
        #expect { try AffiliationsFile.load(path: broken) } throws: { "\($0)".hasPrefix("\(broken): line ") }
        let badDate = try dir.write("bad-date.yaml", "people:\n  - name: Ann\n    emails: [ann@example.com]\n    affiliations:\n      - organization: X\n        from: 2019-02-30\n")
        #expect { try AffiliationsFile.load(path: badDate) } throws: { "\($0)".contains("people[0] (Ann).affiliations[0]: dates are written YYYY-MM-DD") }
        let wrongType = try dir.write("wrong-type.yaml", "people:\n  - emails: 3\n")
        #expect { try AffiliationsFile.load(path: wrongType) } throws: { "\($0)".contains("people[0].emails") }
        let future = try dir.write("future.yaml", "version: 9\n")
        #expect { try AffiliationsFile.load(path: future) } throws: { "\($0)".contains("version 9 is newer") }
    }
}
