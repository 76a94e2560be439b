import ArgumentParser
import ListLensIndex
import ListLensText

struct OrgsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orgs",
        abstract: "Report organization involvement: messages, people, threads started, first and last message; who replies to whom.",
        discussion: """
            A message counts for its sender's organization at its date: a dated affiliation from \
            the affiliations file first (docs/affiliations.md), then the domain of the address \
            (a file organization, else the registrable domain); webmail, ISP and personal domains \
            (gmail.com, aj.id.au, …) count as unaffiliated (docs/organizations.md). Messages from automated \
            senders (list addresses, no-reply and mail-system addresses, trackers such as Trac, CI, \
            review systems, bots: docs/participants.md) are left out unless --include-bots is given.

            --matrix shows who replies to whom: for each pair of organizations, the replies sent \
            from the first's messages to the second's, and their share of all the first sent.

            Example:
              listlens orgs --limit 10
              listlens orgs --since 2020-01 --until 2020-03 --list openbmc
              listlens orgs --matrix --limit 15
              listlens orgs --explain ibm.com
              listlens orgs --affiliations openbmc.affiliations.yaml
              listlens orgs --format csv > orgs.csv
              listlens orgs --include-bots
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var report: ReportOptions

    @Flag(help: "Show who replies to whom, organization by organization, instead of the involvement table.")
    var matrix = false

    @Option(help: ArgumentHelp("List the people counted for one organization, their addresses, and why they count.", valueName: "org"))
    var explain: String?

    func validate() throws {
        if matrix, explain != nil { throw ValidationError("--matrix and --explain are two reports: give one") }
    }

    func run() throws {
        let store = try database.openForReport()
        if matrix { return try showMatrix(try ReplyMatrix.build(store: store, report.query())) }
        if let explain { return try show(try store.explainOrganization(report.query(organization: try database.affiliationsFile().organizationName(explain)))) }
        let orgs = try OrganizationReport.build(store: store, report.query())
        let shown = report.shown(orgs.rows)
        switch report.format {
        case .json:
            Terminal.out(try JSONOutput.encode(shown))
        case .csv:
            // The JSON keys as columns, the JSON values as cells (an empty cell for null).
            let table = Table(headers: OrganizationReport.Row.columns, rows: shown.map { r in
                [r.organization ?? "", String(r.messages), String(r.share), String(r.people), String(r.threadsStarted),
                 r.firstMessage ?? "", r.lastMessage ?? ""]
            })
            for line in table.renderCSV() { Terminal.out(line) }
        case .table:
            let table = Table(
                headers: ["organization", "messages", "share", "people", "threads_started", "first", "last"],
                rows: shown.map { r in
                    [r.organization ?? "(unaffiliated)", String(r.messages),
                     Double.share(r.messages, of: orgs.totalMessages).percent, String(r.people), String(r.threadsStarted),
                     String((r.firstMessage ?? "").prefix(10)), String((r.lastMessage ?? "").prefix(10))]
                },
                rightAligned: [1, 2, 3, 4])
            for line in table.renderText() { Terminal.text(line) }
            for line in report.tableFooter(shown: shown.count, of: orgs.rows.count, noun: "organizations", leftOut: orgs.leftOut) {
                Terminal.out(line)
            }
            Terminal.out(orgs.coverage)
        }
    }

    private func showMatrix(_ matrix: ReplyMatrix) throws {
        let shown = report.shown(matrix.cells)
        switch report.format {
        case .json:
            Terminal.out(try JSONOutput.encode(shown))
        case .csv:
            let table = Table(headers: ReplyMatrix.Cell.columns, rows: shown.map { c in
                [c.from ?? "", c.to ?? "", String(c.replies), String(c.share)]
            })
            for line in table.renderCSV() { Terminal.out(line) }
        case .table:
            let table = Table(headers: ["from", "replies to", "replies", "share of from's"], rows: shown.map { c in
                [c.from ?? "(unaffiliated)", c.to ?? "(unaffiliated)", String(c.replies), c.share.percent]
            }, rightAligned: [2, 3])
            for line in table.renderText() { Terminal.text(line) }
            for line in report.tableFooter(shown: shown.count, of: matrix.cells.count, noun: "pairs", leftOut: .init()) {
                Terminal.out(line)
            }
        }
    }

    private func show(_ org: OrganizationExplanation) throws {
        guard !org.members.isEmpty else {
            throw CLIError("no messages count for the organization \(org.organization.printable) (orgs lists those that have some)")
        }
        let shown = report.shown(org.members)
        switch report.format {
        case .json:
            Terminal.out(try JSONOutput.encode(OrganizationExplanation(organization: org.organization, messages: org.messages, members: shown)))
        case .csv:
            let table = Table(headers: ["person_id", "name", "messages", "addresses", "reason"], rows: shown.map { m in
                [String(m.personID), m.name ?? "", String(m.messages), m.addresses.map(\.address).joined(separator: " "), m.reason]
            })
            for line in table.renderCSV() { Terminal.out(line) }
        case .table:
            Terminal.text("\(org.organization): \(org.messages.counted("message")) from \(org.members.count.counted("person", plural: "people")); "
                          + "why: domain = the address they wrote from, affiliation = a dated period in the affiliations file")
            let table = Table(headers: ["person", "messages", "why", "addresses"], rows: shown.map { m in
                [m.name ?? "#\(m.personID)", String(m.messages), m.reason, m.addresses.map { "\($0.address) (\($0.messages))" }.joined(separator: ", ")]
            }, rightAligned: [1])
            for line in table.renderText() { Terminal.text(line) }
            for line in report.tableFooter(shown: shown.count, of: org.members.count, noun: "people", leftOut: .init()) {
                Terminal.out(line)
            }
        }
    }
}
