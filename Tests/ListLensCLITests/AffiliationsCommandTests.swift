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
