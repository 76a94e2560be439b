@testable import ListLensAnalysis
import Testing

/// The affiliations file's model: dated periods, the checks a file must pass, the edits the
/// commands make, and how names, domains and personal domains resolve.
@Suite("Affiliations")
struct AffiliationsTests {
    typealias Period = Affiliations.Period

    static func day(_ text: String) -> Int64 { Period.day(text)! }

    @Test("a period holds its first day and ends before its until day; open ends hold everything")
    func periods() {
        let p = Period(organization: "IBM", from: "2019-07-01", until: "2020-01-01")
        #expect(!p.contains(Self.day("2019-06-30") + 86_399))
        #expect(p.contains(Self.day("2019-07-01")))
        #expect(p.contains(Self.day("2019-12-31") + 86_399))
        #expect(!p.contains(Self.day("2020-01-01")))
        #expect(Period(organization: "IBM").contains(0))
        #expect(Period(organization: "IBM", until: "2019-07-01").contains(Self.day("1999-01-01")))
        #expect(Period(organization: "x", from: "2019-7-1").instants == nil, "days are YYYY-MM-DD")
        #expect(Period(organization: "*Independent").isIndependent)
    }

    @Test("a file with unusable entries says where each one is")
    func problems() {
        let file = Affiliations(people: [
            .init(name: "Ann Lee", emails: ["ann@example.com"], affiliations: [.init(organization: "X", from: "2019-13-01")]),
            .init(emails: ["not-an-address"], affiliations: [.init(organization: "X", from: "2020-01-01", until: "2019-01-01")]),
            .init(emails: []),
        ], separate: ["nobody"], identityRules: ["same-nmae": false])
        let found = file.problems
        #expect(found.contains { $0.hasPrefix("people[0] (Ann Lee).affiliations[0]: dates are written YYYY-MM-DD") })
        #expect(found.contains("people[1]: \"not-an-address\" is not an address"))
        #expect(found.contains("people[1].affiliations[0]: until 2019-01-01 is not after from 2020-01-01"))
        #expect(found.contains("people[2]: a person needs at least one address under emails"))
        #expect(found.contains("separate: \"nobody\" is not an address"))
        #expect(found.contains { $0.hasPrefix("identity-rules: \"same-nmae\" is not a rule") })
        #expect(found.count == 6)
        #expect(Affiliations(identityRules: ["same-name": false]).rules == [.sameMailbox, .rewrittenName, .affiliationsFile])
    }

    @Test("set cuts back the periods it overlaps, so the file says one thing for every day")
    func set() {
        var file = Affiliations(people: [.init(name: "Ann Lee", emails: ["ann@example.com"], affiliations: [
            .init(organization: "Example Corp", from: "2015-01-01"),
        ])])
        let changes = file.setAffiliation(of: ["ANN@example.com", "ann.lee@widgets.example"], to: "Widgets Inc", from: "2019-07-01", until: "2020-01-01")
        #expect(changes.peopleUpdated == 1 && changes.periodsAdded == 1)
        #expect(file.people.count == 1)
        #expect(file.people[0].emails == ["ann@example.com", "ann.lee@widgets.example"])
        #expect(file.people[0].affiliations == [
            .init(organization: "Example Corp", from: "2015-01-01", until: "2019-07-01"),
            .init(organization: "Widgets Inc", from: "2019-07-01", until: "2020-01-01"),
            .init(organization: "Example Corp", from: "2020-01-01"),
        ])
        // A period that covers everything replaces them all.
        _ = file.setAffiliation(of: ["ann@example.com"], to: "IBM")
        #expect(file.people[0].affiliations == [.init(organization: "IBM")])
        // A person the file does not know gets an entry.
        #expect(file.setAffiliation(of: ["bob@example.org"], name: "Bob", to: "IBM").peopleAdded == 1)
        #expect(file.people.count == 2)
    }

    @Test("merge joins two entries into one, with both's addresses and periods; separate addresses stop being so")
    func join() {
        var file = Affiliations(people: [
            .init(name: "Ann Lee", emails: ["ann@example.com"], affiliations: [.init(organization: "A")]),
            .init(emails: ["alee@gmail.com"], affiliations: [.init(organization: "B", until: "2010-01-01")]),
        ], separate: ["alee@gmail.com"])
        _ = file.join(["ann@example.com"], ["alee@gmail.com", "ann@lee.example"])
        #expect(file.people == [.init(name: "Ann Lee", emails: ["ann@example.com", "alee@gmail.com", "ann@lee.example"],
                                      affiliations: [.init(organization: "A"), .init(organization: "B", until: "2010-01-01")])])
        #expect(file.separate.isEmpty)
        #expect(file.joinedAddresses.map(\.keys) == [["ann@example.com", "alee@gmail.com", "ann@lee.example"]])
    }

    @Test("merging an imported file adds to what is known and keeps the rest")
    func merge() {
        var file = Affiliations(organizations: [.init(name: "IBM", domains: ["ibm.com"])],
                                people: [.init(name: "Ann Lee", emails: ["ann@example.com"])])
        let changes = file.merge(Affiliations(
            organizations: [.init(name: "ibm", domains: ["ibm.com", "us.ibm.com"], aliases: ["IBM Corp"]), .init(name: "Red Hat", domains: ["redhat.com"])],
            people: [.init(emails: ["Ann@Example.com", "ann@redhat.com"], affiliations: [.init(organization: "Red Hat")]),
                     .init(name: "Bob", emails: ["bob@redhat.com"])]))
        #expect(changes == {
            var c = Affiliations.Changes()
            c.organizationsAdded = 1; c.organizationsUpdated = 1; c.peopleAdded = 1; c.peopleUpdated = 1; c.periodsAdded = 1
            return c
        }())
        #expect(file.organizations[0] == .init(name: "IBM", domains: ["ibm.com", "us.ibm.com"], aliases: ["IBM Corp"]))
        #expect(file.people[0].emails == ["ann@example.com", "ann@redhat.com"])
        #expect(file.people.count == 2)
    }

    @Test("names, aliases and domains resolve to the file's organization; other domains to their registrable domain")
    func resolver() {
        let file = Affiliations(organizations: [.init(name: "Example Corp", domains: ["example.com", "corp.example.net"], aliases: ["ExampleCo"])],
                                personalDomains: ["annlee.example"], consumerDomains: ["mail.example-isp.net"])
        let r = AffiliationResolver(file, organizations: OrganizationResolver(suffixes: .builtin))
        #expect(r.canonicalOrganization("exampleco") == "Example Corp")
        #expect(r.canonicalOrganization("EXAMPLE CORP") == "Example Corp")
        #expect(r.canonicalOrganization("mail.example.com") == "Example Corp")
        #expect(r.canonicalOrganization("IBM.com") == "ibm.com")
        #expect(r.domainOrganization(of: "ann@eu.example.com") == .organization("Example Corp", fromFile: true))
        #expect(r.domainOrganization(of: "dan@corp.example.net") == .organization("Example Corp", fromFile: true))
        #expect(r.domainOrganization(of: "eve@other.example.net") == .organization("example.net", fromFile: false))
        #expect(r.domainOrganization(of: "x@linux.vnet.ibm.com") == .organization("ibm.com", fromFile: false))
        #expect(r.domainOrganization(of: "bob@gmail.com") == .provider)
        #expect(r.domainOrganization(of: "bob@mail.example-isp.net") == .provider)
        #expect(r.domainOrganization(of: "gil@annlee.example") == .personal("annlee.example"))
        #expect(r.domainOrganization(of: "x-abc@public.gmane.org") == .unknown)
        #expect(r.domainOrganization(of: "list@lists.example.org#ann lee") == .unknown)
    }

    @Test("periods name the file's organization by its name, alias or domain",
          arguments: [("ExampleCo", "Example Corp"), ("example.com", "Example Corp"), ("Intel", "Intel"), ("IBM.com", "ibm.com")])
    func periodNames(written: String, credited: String) {
        let file = Affiliations(organizations: [.init(name: "Example Corp", domains: ["example.com"], aliases: ["ExampleCo"])],
                                people: [.init(emails: ["ann@example.com"], affiliations: [.init(organization: written)])])
        let r = AffiliationResolver(file, organizations: OrganizationResolver(suffixes: .builtin))
        #expect(r.periods(forAddresses: ["ann@example.com"]).map(\.organization) == [credited])
        #expect(r.periods(forAddresses: ["bob@example.com"]).isEmpty)
    }

    @Test("a one-person domain is personal when it shows it is theirs",
          arguments: [
            ("aj.id.au", "andrew jeffery", true), ("jms.id.au", nil, true), ("jms.example", "joel stanley", true),
            ("ribalda.com", "ricardo ribalda", true), ("rempel-privat.de", "oleksij rempel", true),
            ("fuzziesquirrel.com", "brad bishop", false), ("phoenix.com", "stanley liu", false), ("lee.com", "ann lee", false),
            ("novartis.com", "mark nova", false), ("annlee.example", "ann lee", true), ("ibm.com", nil, false),
          ] as [(String, String?, Bool)])
    func personal(domain: String, name: String?, expected: Bool) {
        #expect(PersonalDomain.isPersonal(domain: domain, personName: name) == expected)
    }
}
