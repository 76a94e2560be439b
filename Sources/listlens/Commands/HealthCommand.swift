import ArgumentParser
import ListLensIndex
import ListLensText

struct HealthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Community health figures as CHAOSS defines them, per list and period: diversity, elephant factor, absence factor, first response, unanswered threads.",
        discussion: """
            Per list (or all lists together with --all-lists) and per period (--by): messages and \\
            people; organizational diversity (organizations, and the share of messages that count \\
            for one); the elephant factor (the fewest organizations whose messages make up --share \\
            of the affiliated messages); the contributor absence factor (the fewest people whose \\
            messages make up --share of all); for the threads started, the median time to the first \\
            answer by another person, automated senders left out, and the threads never answered. \\
            Messages of automated senders count only with --include-bots. docs/organizations.md \\
            says how each figure is counted.

            Example:
              listlens health
              listlens health --by quarter --all-lists
              listlens health --by year --share 0.8 --format csv > health.csv
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var report: ReportOptions

    @Option(help: ArgumentHelp("One row per month, quarter or year (UTC).", valueName: "period"))
    var by: ReportPeriod?

    @Flag(help: "All lists together: one row per period.")
    var allLists = false

    @Option(help: ArgumentHelp("The part of the contributions the elephant and absence factors count to, above 0 and at most 1.", valueName: "share"))
    var share: Double = 0.5

    func validate() throws {
        try report.refuseHTML("health")
        guard share > 0, share <= 1 else { throw ValidationError("--share \(share): give a part above 0 and at most 1 (0.5 is half)") }
    }

    func run() throws {
        let store = try database.openForReport()
        var query = report.query()
        query.by = by
        let health = try HealthReport.build(store: store, query, perList: !allLists, share: share)
        let shown = report.shown(health.rows)
        switch report.format {
        case .json:
            Terminal.out(try JSONOutput.encode(shown))
        case .csv:
            for line in Table(headers: HealthReport.Row.columns, rows: shown.map(\.cells)).renderCSV() { Terminal.out(line) }
        case .table, .html:   // validate() refuses html
            let table = Table(
                headers: ["list", "period", "messages", "people", "orgs", "affiliated", "elephant", "absence", "threads", "1st response", "unanswered"],
                rows: shown.map { r in
                    [r.list ?? "(all)", r.period ?? "(all)", String(r.messages), String(r.people), String(r.organizations),
                     r.affiliatedShare.percent, r.elephantFactor.map(String.init) ?? "-", r.contributorAbsenceFactor.map(String.init) ?? "-",
                     String(r.threadsStarted), r.medianFirstResponseSeconds?.durationText ?? "-",
                     "\(r.unansweredThreads) (\(Double.share(r.unansweredThreads, of: r.threadsStarted).percent))"]
                },
                rightAligned: Set(2...10))
            for line in table.renderText() { Terminal.text(line) }
            for line in report.tableFooter(shown: shown.count, of: health.rows.count, noun: "rows", leftOut: .init()) { Terminal.out(line) }
            Terminal.out("factors count to \(share.percent) of the messages (CHAOSS: elephant factor over affiliated messages, contributor absence factor over all)")
        }
    }
}
