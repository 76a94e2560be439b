import ArgumentParser
import ListLensIndex
import ListLensMail

struct PeopleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "people",
        abstract: "Report participants: messages, threads started and joined, organizations, reply partners.",
        discussion: """
            A participant is a person: the addresses one person writes from, joined by documented \
            rules (same mailbox, same full name; docs/participants.md). --explain shows a person's \
            every address and name, and the rule and evidence that joined each address. Messages of \
            automated senders (list addresses, trackers, CI, bots) are left out unless --include-bots.

            Example:
              listlens people --limit 10
              listlens people --org ibm.com --since 2020-01 --until 2020-03
              listlens people --explain glyph@twistedmatrix.com
              listlens people --format csv > people.csv
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var report: ReportOptions

    @Option(help: ArgumentHelp("Show why one person is one person: an address, a person id, or a full name.", valueName: "person"))
    var explain: String?

    @Option(help: ArgumentHelp("Count only messages sent from this organization (its domain, e.g. ibm.com).", valueName: "org"))
    var org: String?

    func validate() throws {
        try report.refuseHTML("people")
        if explain != nil, org != nil || report.choosesMessages || report.limit != nil {
            throw ValidationError("--explain shows one person whole: leave out --org, --since, --until, --list, --include-bots and --limit")
        }
    }

    func run() throws {
        let store = try database.openForReport()
        if let explain { return try show(try store.explainPerson(explain), for: explain) }
        let people = try PeopleReport.build(store: store, report.query(organization: try org.map { try database.affiliationsFile().organizationName($0) }),
                                            first: report.first)
        let shown = report.shown(people.rows)
        switch report.format {
        case .json:
            Terminal.out(try JSONOutput.encode(shown))
        case .csv:
            // The JSON keys as columns; organizations joined by spaces, each period `org:first..last`, a partner as its person id.
            let table = Table(headers: PeopleReport.Row.columns, rows: shown.map { r in
                [String(r.personID), r.name ?? "", r.key, String(r.addresses), String(r.messages), String(r.words), String(r.threadsStarted),
                 String(r.threadsJoined), r.organizations.joined(separator: " "),
                 r.organizationPeriods.map { "\($0.organization):\(($0.firstMessage ?? "").prefix(10))..\(($0.lastMessage ?? "").prefix(10))" }.joined(separator: " "),
                 r.firstMessage ?? "", r.lastMessage ?? "",
                 r.answersMost.map { String($0.personID) } ?? "", r.answeredMostBy.map { String($0.personID) } ?? ""]
            })
            for line in table.renderCSV() { Terminal.out(line) }
        case .table, .html:   // validate() refuses html
            let table = Table(
                headers: ["person", "messages", "words", "started", "joined", "addresses", "organizations", "first", "last", "answers most"],
                rows: shown.map { r in
                    [r.name ?? r.key, String(r.messages), r.words.grouped, String(r.threadsStarted), String(r.threadsJoined), String(r.addresses),
                     Self.shortList(r.organizations), String((r.firstMessage ?? "").prefix(10)), String((r.lastMessage ?? "").prefix(10)),
                     r.answersMost.map { "\($0.name ?? "#\($0.personID)") (\($0.replies))" } ?? ""]
                },
                rightAligned: [1, 2, 3, 4, 5])
            for line in table.renderText() { Terminal.text(line) }
            for line in report.tableFooter(shown: shown.count, of: people.persons, noun: "people", leftOut: people.leftOut) {
                Terminal.out(line)
            }
        }
    }

    private func show(_ persons: [PersonExplanation], for text: String) throws {
        guard !persons.isEmpty else { throw CLIError("no person with the address, id or name \(text.printable); `listlens people --limit 0` lists them all") }
        if report.format == .json { return Terminal.out(try JSONOutput.encode(persons)) }
        guard report.format == .table else { throw CLIError("--explain writes a table or JSON (--format json)") }
        for (k, p) in persons.enumerated() {
            if k > 0 { Terminal.out("") }
            Terminal.text("\(p.name ?? p.key) (person \(p.personID)): \(p.messages.counted("message")) from \(p.addresses.count.counted("address", plural: "addresses"))")
            for a in p.addresses {
                let span = [a.firstMessage, a.lastMessage].compactMap { $0.map { String($0.prefix(10)) } }.joined(separator: " to ")
                Terminal.text("  \(a.address): \(a.messages.counted("message"))\(span.isEmpty ? "" : ", \(span)")\(a.organization.map { ", \($0)" } ?? "")\(a.automated.map { ", automated (\($0))" } ?? "")")
                let names = a.names.map { "\($0.name) (\($0.messages))" }.joined(separator: ", ")
                if !names.isEmpty { Terminal.text("    names: \(names)") }
                if let to = a.joinedTo, let rule = a.rule {
                    Terminal.text("    joined to \(to) by \(rule): \(a.evidence ?? "")")
                } else {
                    Terminal.text("    first address of this person")
                }
            }
        }
    }

    /// `ibm.com, redhat.com +2`.
    static func shortList(_ items: [String]) -> String {
        items.count <= 2 ? items.joined(separator: ", ") : items.prefix(2).joined(separator: ", ") + " +\(items.count - 2)"
    }
}
