import Foundation
import ListLensTestSupport
import Testing

/// `listlens affiliations`: a wrong credit corrected in one command, files communities keep read as
/// they are, and reports that follow the file without a re-import.
@Suite("listlens affiliations", .serialized)
struct AffiliationsCommandTests {
    @Test("set, import and show write the file beside the database; orgs applies it before it counts")
    func editAndReport() throws {
        let tmp = try TemporaryDirectory("affiliations")
        defer { tmp.remove() }
        let db = tmp.file("d.sqlite")
        let imported = try CLIRun.run(["import", "--db", db, "fixtures/affiliations/dated.mbox"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let before = try CLIRun.run(["orgs", "--db", db, "--format", "csv"])
        #expect(before.stdout.contains("\n,example.com,1,"), "\(before.stdout)")

        let set = try CLIRun.run(["affiliations", "set", "--db", db, "Ann Lee", "Widgets Inc", "--from", "2019-07-01"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("Ann Lee at Widgets Inc from 2019-07-01 (ann@example.com, ann.lee@widgets.example): written to \(tmp.file("d.affiliations.yaml"))"),
                "a name the database knows brings all the person's addresses: \(set.stdout)")
        _ = try CLIRun.run(["affiliations", "set", "--db", db, "bob.stone@gmail.com", "Example Corp", "--from", "2018-01-01", "--until", "2019-01-01"])
        let orgs = try CLIRun.run(["orgs", "--db", db, "--format", "csv"])
        #expect(orgs.stderr.contains("applied \(tmp.file("d.affiliations.yaml"))"), "\(orgs.stderr)")
        #expect(orgs.stdout.contains("\n,Widgets Inc,1,"), "\(orgs.stdout)")
        #expect(orgs.stdout.contains("\n,Example Corp,1,"), "Bob's 2018 message: \(orgs.stdout)")
        #expect(orgs.stdout.contains("\n,example.com,1,"), "Ann before her move: the domain still")
        let again = try CLIRun.run(["orgs", "--db", db, "--format", "csv"])
        #expect(!again.stderr.contains("applied"), "applied once: \(again.stderr)")
        let explain = try CLIRun.run(["orgs", "--db", db, "--explain", "widgets inc"])
        #expect(explain.stdout.contains("Ann Lee") && explain.stdout.contains("affiliation"), "\(explain.stdout)")
        let people = try CLIRun.run(["people", "--db", db, "--org", "Example Corp", "--format", "csv"])
        #expect(people.stdout.contains("Bob Stone"), "\(people.stdout)")

        let gitdm = try CLIRun.run(["affiliations", "import", "--db", db, "fixtures/affiliations/gitdm/email-map"])
        #expect(gitdm.status == 0, "\(gitdm.stderr)")
        #expect(gitdm.stderr.contains("gitdm/email-map: line 10: \"2019-13-01\" is not a yyyy-mm-dd end date"), "\(gitdm.stderr)")
        #expect(gitdm.stderr.contains("(gitdm-map): 3 people, 2 organizations"), "\(gitdm.stderr)")
        let show = try CLIRun.run(["affiliations", "show", "--db", db])
        #expect(show.stdout.contains("2 organizations (3 domains), 3 people"), "\(show.stdout)")
        let afterImport = try CLIRun.run(["orgs", "--db", db, "--format", "csv"])
        #expect(afterImport.stdout.contains("\n,Example Corp,"), "\(afterImport.stdout)")
        #expect(!afterImport.stdout.contains("\n,example.com,"), "the file names example.com's organization now: \(afterImport.stdout)")
    }

    @Test("suggest proposes periods from domains and signatures, with evidence; --accept writes them and orgs follows")
    func suggest() throws {
        let tmp = try TemporaryDirectory("affiliations-suggest")
        defer { tmp.remove() }
        let db = tmp.file("s.sqlite")
        let imported = try CLIRun.run(["import", "--db", db, "fixtures/affiliations/suggest.mbox"])
        try #require(imported.status == 0, "\(imported.stderr)")

        let json = try CLIRun.run(["affiliations", "suggest", "--db", db, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let validator = try JSONSchemaValidator(schemaAt: JSONContractTests.schema)
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(json.stdout.utf8))
        #expect(validator.problems(value, definition: "affiliationSuggestions") == [])
        guard case .array(let suggestions) = value else { Issue.record("not an array: \(json.stdout)"); return }
        // Bob signs with Widgets from gmail (2 messages); Ann wrote from gmail between two messages
        // from widgets.example (1). Carol's "Widgets" is on a line with a link; Dan changes nothing.
        #expect(suggestions.map { $0["name"] } == [.string("Bob Stone"), .string("Ann Lee")])
        #expect(suggestions.map { $0["organization"] } == [.string("widgets.example"), .string("widgets.example")])
        #expect(suggestions.map { $0["from"] } == [.string("2020-01-09"), .string("2020-01-06")])
        #expect(suggestions.map { $0["until"] } == [.string("2020-04-21"), .string("2020-03-11")])
        #expect(suggestions.map { $0["changes"] } == [.number(2), .number(1)])
        #expect(suggestions.first?["evidence"]?[0]?["kind"] == .string("signature"))
        #expect(suggestions.first?["evidence"]?[0]?["text"] == .string("Senior Engineer, Widgets Inc., Austin"))
        #expect(suggestions.last?["evidence"]?[0]?["kind"] == .string("domain"))
        #expect(suggestions.last?["addresses"] == .array([.string("ann.lee@widgets.example"), .string("annlee1990@gmail.com")]))

        let all = try CLIRun.run(["affiliations", "suggest", "--db", db, "--all", "--format", "json"])
        #expect(!all.stdout.contains("\"Dan Ortiz\""), "one message is not evidence enough: \(all.stdout)")
        let allOnes = try CLIRun.run(["affiliations", "suggest", "--db", db, "--all", "--min-evidence", "1", "--format", "json"])
        #expect(allOnes.stdout.contains("\"Dan Ortiz\""), "--all lists what changes nothing: \(allOnes.stdout)")
        #expect(!allOnes.stdout.contains("\"Carol Diaz\""), "a name on a line with a link is no claim: \(allOnes.stdout)")
        let one = try CLIRun.run(["affiliations", "suggest", "--db", db, "--person", "bob.stone@gmail.com"])
        #expect(one.stdout.contains("Bob Stone (person") && !one.stdout.contains("Ann Lee"), "\(one.stdout)")
        #expect(one.stdout.contains("signature: signed \"Senior Engineer, Widgets Inc., Austin\" from bob.stone@gmail.com, 2 messages, 2020-01-09 to 2020-04-20"), "\(one.stdout)")
        #expect(one.stdout.contains("nothing written"), "\(one.stdout)")
        #expect(!FileManager.default.fileExists(atPath: tmp.file("s.affiliations.yaml")))

        let before = try CLIRun.run(["orgs", "--db", db, "--format", "csv"])
        #expect(before.stdout.contains("\n,widgets.example,3,"), "\(before.stdout)")
        let accepted = try CLIRun.run(["affiliations", "suggest", "--db", db, "--accept"])
        #expect(accepted.status == 0 && accepted.stderr.contains("2 periods written to \(tmp.file("s.affiliations.yaml"))"), "\(accepted.stderr)")
        let after = try CLIRun.run(["orgs", "--db", db, "--format", "csv"])
        #expect(after.stdout.contains("\n,widgets.example,6,"), "Ann's and Bob's gmail messages in their periods count now: \(after.stdout)")
        let again = try CLIRun.run(["affiliations", "suggest", "--db", db])
        #expect(again.stdout.contains("no suggestions"), "people the file dates are left alone: \(again.stdout)")
        let unknown = try CLIRun.run(["affiliations", "suggest", "--db", db, "--person", "nobody@nowhere.example"])
        #expect(unknown.status != 0 && unknown.stderr.contains("no such person"), "\(unknown.stderr)")
    }

    @Test("mistakes name what is wrong and where")
    func errors() throws {
        let tmp = try TemporaryDirectory("affiliations-errors")
        defer { tmp.remove() }
        let db = tmp.file("e.sqlite")
        _ = try CLIRun.run(["import", "--db", db, "fixtures/affiliations/dated.mbox"])
        let nobody = try CLIRun.run(["affiliations", "set", "--db", db, "Nobody Known", "IBM"])
        #expect(nobody.status != 0 && nobody.stderr.contains("Nobody Known: no such person in \(db); give an address"), "\(nobody.stderr)")
        let badDay = try CLIRun.run(["affiliations", "set", "--db", db, "ann@example.com", "IBM", "--from", "2019-13-01"])
        #expect(badDay.status != 0 && badDay.stderr.contains("--from 2019-13-01: a day is written YYYY-MM-DD"), "\(badDay.stderr)")
        let broken = try tmp.write("broken.yaml", "people:\n  - emails: [a@b.example\n")
        let orgs = try CLIRun.run(["orgs", "--db", db, "--affiliations", broken])
        #expect(orgs.status != 0 && orgs.stderr.contains("\(broken): line "), "\(orgs.stderr)")
        let prose = try tmp.write("letter.txt", "Dear all,\nthe meeting moved to Tuesday afternoon this week.\nBest\n")
        let unknown = try CLIRun.run(["affiliations", "import", "--db", db, prose])
        #expect(unknown.status != 0 && unknown.stderr.contains("not a format affiliations import reads"), "\(unknown.stderr)")
        let group = try CLIRun.run(["affiliations", "import", "--db", db, "fixtures/affiliations/gitdm/widgets-group"])
        #expect(group.status != 0 && group.stderr.contains("--organization"), "\(group.stderr)")
    }
}
