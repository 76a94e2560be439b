import ArgumentParser
import Foundation
import ListLensAnalysis
import ListLensIndex
import ListLensText

/// `listlens affiliations …`: the affiliations file (docs/affiliations.md), kept from the command line.
struct AffiliationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "affiliations",
        abstract: "Keep the affiliations file: who works where and when, which addresses are one person.",
        discussion: """
            The file (YAML, docs/affiliations.md) names organizations with their domains, people \
            with their addresses and dated periods at organizations, and addresses that are one \
            person or must stay apart. Imports and reports apply it: a person counts for the \
            organization of the message's date (a dated period first, then the domain of the \
            address used, then none). An edit needs no re-import. The file is --affiliations PATH, \
            default the database's name with .affiliations.yaml.

            Example:
              listlens affiliations import gitdm/EmailMap
              listlens affiliations import default_data.json
              listlens affiliations set andrew@aj.id.au IBM --until 2022-05-01
              listlens affiliations merge eajames@linux.ibm.com eajames@us.ibm.com
              listlens affiliations show
            """,
        subcommands: [Import.self, Set.self, Merge.self, Suggest.self, Show.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add what a gitdm map, Stackalytics data, a .mailmap or a SortingHat export says to the file.",
            discussion: """
                The format is found from the content; --format names it when a file could be \
                several. Formats: \(AffiliationFormat.allCases.map(\.rawValue).joined(separator: ", ")). \
                A gitdm group file lists addresses only: --organization names theirs. Entries already \
                in the file stay; new addresses and periods are added to the person who has one of \
                their addresses. Lines that cannot be used are listed on stderr with their line.

                Example:
                  listlens affiliations import ../shared/corpora/identity-oracles/linux.mailmap
                  listlens affiliations import --format gitdm-group --organization IBM \\
                    ibm-people.txt
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The files to read.", valueName: "file"))
        var files: [String]

        @Option(help: ArgumentHelp("The files' format (default: found from the content).", valueName: "format"))
        var format: String?

        @Option(help: ArgumentHelp("The organization of a gitdm group file's addresses.", valueName: "name"))
        var organization: String?

        @Flag(help: "Print the file that would be written, and write nothing.")
        var dryRun = false

        func validate() throws {
            if let format, AffiliationFormat(rawValue: format) == nil {
                throw ValidationError("--format \(format): not a format (\(AffiliationFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }

        func run() throws {
            var file = try database.affiliationsFile()
            var total = Affiliations.Changes()
            for path in files {
                guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("\(path): no such file, or unreadable") }
                guard data.count <= AffiliationsFile.maxBytes else { throw CLIError("\(path): larger than \(AffiliationsFile.maxBytes >> 20) MB") }
                guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
                    throw CLIError("\(path): not text")
                }
                guard let kind = format.flatMap(AffiliationFormat.init(rawValue:)) ?? AffiliationFormat.detect(text) else {
                    throw CLIError("\(path): not a format affiliations import reads; name it with --format (\(AffiliationFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                let converted: AffiliationFormat.Converted
                do { converted = try kind.convert(text, organization: organization) } catch {
                    throw CLIError("\(path): \(error)")
                }
                for s in converted.skipped.prefix(20) { Terminal.err("listlens: \(path): \(s.place): \(s.reason)") }
                if converted.skipped.count > 20 { Terminal.err("listlens: \(path): \((converted.skipped.count - 20).counted("more entry", plural: "more entries")) not used") }
                let changes = file.affiliations.merge(converted.affiliations)
                Terminal.err("listlens: \(path) (\(kind.rawValue)): \(converted.affiliations.people.count.counted("person", plural: "people")), \(converted.affiliations.organizations.count.counted("organization")); "
                             + "added \(changes.peopleAdded.counted("person", plural: "people")) and \(changes.organizationsAdded.counted("organization")), updated \(changes.peopleUpdated.counted("person", plural: "people")) and \(changes.organizationsUpdated.counted("organization"))")
                total.peopleAdded += changes.peopleAdded
                total.peopleUpdated += changes.peopleUpdated
            }
            let problems = file.affiliations.problems
            guard problems.isEmpty else { throw CLIError("\(file.path) would not be usable: \(problems.prefix(5).joined(separator: "; "))") }
            if dryRun {
                Terminal.out(try file.yaml())
                return
            }
            try file.save()
            Terminal.out("\(file.path): \(file.affiliations.people.count.counted("person", plural: "people")), \(file.affiliations.organizations.count.counted("organization")); imports and reports apply it")
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say where a person worked, and when: the credit for their messages follows.",
            discussion: """
                PERSON is an address, or a person id or full name the database knows (then all \
                their addresses are listed). Days are YYYY-MM-DD; --from is the first day, --until \
                the day it ended (not counted). Periods of theirs that overlap are cut back, so the \
                file says one thing for every day.

                Example:
                  listlens affiliations set andrew@aj.id.au IBM
                  listlens affiliations set "Ann Lee" "Widgets Inc" --from 2019-07-01
                  listlens affiliations set ann@example.com "Example Corp" --until 2019-07-01
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("An address, a person id or a full name.", valueName: "person"))
        var person: String

        @Argument(help: ArgumentHelp("The organization (a name, or a domain such as ibm.com).", valueName: "organization"))
        var organization: String

        @Option(help: ArgumentHelp("The first day at the organization (YYYY-MM-DD; default: always).", valueName: "day"))
        var from: String?

        @Option(help: ArgumentHelp("The day they left (YYYY-MM-DD, not counted; default: still there).", valueName: "day"))
        var until: String?

        func validate() throws {
            for (flag, day) in [("--from", from), ("--until", until)] {
                if let day, Affiliations.Period.day(day) == nil { throw ValidationError("\(flag) \(day): a day is written YYYY-MM-DD") }
            }
            if let f = from.flatMap(Affiliations.Period.day), let u = until.flatMap(Affiliations.Period.day), u <= f {
                throw ValidationError("--until \(until!) is not after --from \(from!)")
            }
        }

        func run() throws {
            var file = try database.affiliationsFile()
            let who = try database.addresses(of: person)
            _ = file.affiliations.setAffiliation(of: who.addresses, name: who.name, to: organization, from: from, until: until)
            try file.save()
            let span = [from.map { "from \($0)" }, until.map { "until \($0)" }].compactMap { $0 }.joined(separator: " ")
            Terminal.out("\(who.name ?? who.addresses[0]) at \(organization)\(span.isEmpty ? "" : " " + span) (\(who.addresses.joined(separator: ", "))): written to \(file.path)")
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say that two addresses (or persons) are one person.",
            discussion: """
                Each of A and B is an address, or a person id or full name the database knows.

                Example:
                  listlens affiliations merge glyph@twistedmatrix.com glyph@divmod.com
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("One person: an address, a person id or a full name.", valueName: "a"))
        var a: String

        @Argument(help: ArgumentHelp("The other.", valueName: "b"))
        var b: String

        func run() throws {
            var file = try database.affiliationsFile()
            let first = try database.addresses(of: a), second = try database.addresses(of: b)
            _ = file.affiliations.join(first.addresses, second.addresses, name: first.name ?? second.name)
            try file.save()
            Terminal.out("\((first.addresses + second.addresses).joined(separator: ", ")) are one person: written to \(file.path)")
        }
    }

    struct Suggest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Propose dated affiliations from the mail, with their evidence; --accept writes them to the file.",
            discussion: """
                Evidence is of two kinds: messages from an address of an organization's domain \
                (there from the first such message to the last), and signatures naming an \
                organization on messages from webmail or a personal domain ("IBM, Austin, TX"). \
                Each person's evidence per organization becomes one period, from its first day to \
                the day after its last; where two organizations' spans overlap, neither is \
                suggested there. \
                Only periods that change how some message counts are listed (--all lists every \
                one), and people the file already dates are left alone. Nothing is written \
                without --accept; edit or remove what is wrong afterwards with affiliations set.

                Example:
                  listlens affiliations suggest
                  listlens affiliations suggest --person ryanarnellibm@gmail.com
                  listlens affiliations suggest --format json > suggestions.json
                  listlens affiliations suggest --accept
                """)

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("Only this person's suggestions: an address, a person id or a full name.", valueName: "person"))
        var person: String?

        @Option(help: ArgumentHelp("Messages of evidence a period needs.", valueName: "n"))
        var minEvidence = 2

        @Flag(help: "Also list periods that change no message's organization.")
        var all = false

        @Flag(help: "Write every suggestion listed into the affiliations file.")
        var accept = false

        enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

        @Option(help: "Output format.")
        var format: Format = .table

        func validate() throws {
            if minEvidence < 1 { throw ValidationError("--min-evidence must be 1 or more") }
        }

        func run() throws {
            let store = try database.openForReport()
            var file = try database.affiliationsFile()
            var options = AffiliationSuggester.Options()
            options.minimumEvidence = minEvidence
            options.includingUnchanged = all
            if let person {
                guard let one = try database.person(person, in: store) else {
                    throw CLIError("\(person): no such person in \(database.path) (listlens people lists them)")
                }
                options.person = one.personID
            }
            let suggestions = try file.suggestions(from: store, options: options)
            switch format {
            case .json:
                Terminal.out(try JSONOutput.encode(suggestions))
            case .table:
                if suggestions.isEmpty { Terminal.out("no suggestions: the mail shows no period that would change a credit (--all lists every one)") }
                for s in suggestions {
                    Terminal.text("\(s.name ?? s.addresses.first ?? "#\(s.personID)") (person \(s.personID)) at \(s.organization) from \(s.from) until \(s.until): "
                                  + "\(s.changes.counted("message")) would count for it")
                    for e in s.evidence {
                        let what = e.kind == .domain ? "wrote from" : "signed \"\(e.text ?? "")\" from"
                        Terminal.text("    \(e.kind.rawValue): \(what) \(e.address), \(e.messages.counted("message")), \(e.firstMessage) to \(e.lastMessage)")
                    }
                }
            }
            guard accept else {
                if !suggestions.isEmpty, format == .table { Terminal.out("nothing written: --accept writes these to \(file.path)") }
                return
            }
            let added = file.accept(suggestions)
            try file.save()
            Terminal.err("listlens: \(added.counted("period")) written to \(file.path); reports apply it")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the affiliations file and say what it holds.",
            discussion: """
                Example:
                  listlens affiliations show \\
                    --affiliations fixtures/affiliations/example.affiliations.yaml
                """)

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let file = try database.affiliationsFile()
            guard file.bytes != nil else {
                Terminal.out("\(file.path): no such file; figures come from the mail alone (affiliations import, set or merge write one)")
                return
            }
            let a = file.affiliations
            let dated = a.people.filter { !$0.affiliations.isEmpty }.count
            let joined = a.people.filter { $0.emails.count > 1 }.count
            Terminal.out("\(file.path): \(a.organizations.count.counted("organization")) (\(a.organizations.reduce(0) { $0 + $1.domains.count }.counted("domain"))), "
                         + "\(a.people.count.counted("person", plural: "people")) (\(dated.grouped) with dated periods, \(joined.grouped) with several addresses), "
                         + "\(a.separate.count.counted("separate address", plural: "separate addresses")), \(a.personalDomains.count.counted("personal domain")), "
                         + "\(a.consumerDomains.count.counted("mail provider domain")) added")
            let off = a.identityRules.filter { !$0.value }.keys.sorted()
            if !off.isEmpty { Terminal.out("identity rules turned off: \(off.joined(separator: ", "))") }
        }
    }
}
