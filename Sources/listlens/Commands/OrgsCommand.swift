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

            Columns: messages, their share (of the period's, with --by), words of new text \
            (quotes, signatures and footers left out), people, threads started and joined \
            (replied in), replies out to and in from other organizations, the median time to \
            the first answer by another person for the threads it started, and those never \
            answered, first and last message.

            --matrix shows who replies to whom: for each pair of organizations, the replies sent \
            from the first's messages to the second's, and their share of all the first sent.

            Example:
              listlens orgs --limit 10
              listlens orgs --since 2020-01 --until 2020-03 --list openbmc
              listlens orgs --by quarter --format csv > orgs-by-quarter.csv
              listlens orgs --matrix --limit 15
              listlens orgs --explain ibm.com
              listlens orgs --affiliations openbmc.affiliations.yaml
              listlens orgs --format csv > orgs.csv
              listlens orgs --format html > report.html
              listlens orgs --include-bots

            --format html writes the report page, as listlens report --html: the involvement \
            over time, the organizations, top participants, the reply matrix and time to first \
            response, charted as inline SVG, in one self-contained page.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var report: ReportOptions

    @Flag(help: "Show who replies to whom, organization by organization, instead of the involvement table.")
    var matrix = false

    @Option(help: ArgumentHelp("One row per organization and month, quarter or year (UTC).", valueName: "period"))
    var by: ReportPeriod?

    @Option(help: ArgumentHelp("List the people counted for one organization, their addresses, and why they count.", valueName: "org"))
    var explain: String?

    @Option(help: ArgumentHelp("The HTML page's title (--format html; default: the database's name).", valueName: "text"))
    var title: String?

    func validate() throws {
        if matrix, explain != nil { throw ValidationError("--matrix and --explain are two reports: give one") }
        if by != nil, matrix || explain != nil { throw ValidationError("--by groups the involvement table: leave out --matrix and --explain") }
        if report.format == .html, matrix || explain != nil {
            throw ValidationError("--format html writes the whole report page, the reply matrix included: leave out --matrix and --explain")
        }
        if title != nil, report.format != .html { throw ValidationError("--title names the HTML page: give --format html") }
    }

    func run() throws {
        let store = try database.openForReport()
        if matrix { return try showMatrix(try ReplyMatrix.build(store: store, report.query())) }
        if let explain { return try show(try store.explainOrganization(report.query(organization: try database.affiliationsFile().organizationName(explain)))) }
        var query = report.query()
        query.by = by
        let orgs = try OrganizationReport.build(store: store, query)
        let shown = report.shown(orgs.rows)
        switch report.format {
        case .json:
            Terminal.out(try JSONOutput.encode(shown))
        case .csv:
            // The JSON keys as columns, the JSON values as cells (an empty cell for null).
            let table = Table(headers: OrganizationReport.Row.columns, rows: shown.map(\.cells))
            for line in table.renderCSV() { Terminal.out(line) }
        case .html:
            try report.writePage(store, by: by, title: title, database: database)
        case .table:
            let grouped = by != nil
            let table = Table(
                headers: (grouped ? ["period"] : []) + ["organization", "messages", "share", "words", "people", "started", "joined",
                                                       "replies out", "replies in", "1st reply", "unanswered", "first", "last"],
                rows: shown.map { r in
                    (grouped ? [r.period ?? ""] : []) + [
                        r.organization ?? "(unaffiliated)", String(r.messages), r.share.percent, r.words.grouped, String(r.people),
                        String(r.threadsStarted), String(r.threadsJoined), String(r.repliesGiven), String(r.repliesReceived),
                        r.medianFirstReplySeconds?.durationText ?? "-", String(r.unanswered),
                        String((r.firstMessage ?? "").prefix(10)), String((r.lastMessage ?? "").prefix(10))]
                },
                rightAligned: Set((1...10).map { $0 + (grouped ? 1 : 0) }))
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
        case .table, .html:   // validate() refuses html with --matrix
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
        case .table, .html:   // validate() refuses html with --explain
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
