import ArgumentParser
import ListLensIndex

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the organization report as one self-contained HTML page, with its charts.",
        discussion: """
            The page holds no script and fetches nothing (its Content-Security-Policy forbids it), \\
            so it opens anywhere and can be mailed: involvement over time per organization, the \\
            organizations table, top participants, who replies to whom as a heat map, time to first \\
            response over time with CHAOSS's factors, and the coverage (messages of no organization, \\
            automated senders left out). Charts are inline SVG. --since, --until, --list and \\
            --include-bots choose the messages as for orgs; --by sets the charts' period (default: \\
            months, quarters or years by the span of the mail).

            Example:
              listlens report --html > report.html
              listlens report --html --since 2020 --list openbmc > openbmc-2020.html

            listlens orgs --format html writes the same page.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var report: ReportOptions

    @Flag(help: "Write HTML to standard output (the one format this report has).")
    var html = false

    @Option(help: ArgumentHelp("The charts' period: month, quarter or year.", valueName: "period"))
    var by: ReportPeriod?

    @Option(help: ArgumentHelp("The page's title (default: the database's name).", valueName: "text"))
    var title: String?

    func validate() throws {
        guard html else { throw ValidationError("report writes one HTML page: give --html and redirect it (listlens report --html > report.html)") }
        if ![.table, .html].contains(report.format) || report.limit != nil {
            throw ValidationError("--format and --limit are for the tables of orgs and people; report writes HTML")
        }
    }

    func run() throws {
        try report.writePage(try database.openForReport(), by: by, title: title, database: database)
    }
}
