import ArgumentParser
import Foundation
import ListLensIndex
import ListLensMail

/// What every report command takes: which messages count (dates, list, automated senders), the
/// format and how many rows.
struct ReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Count messages from this day, month or year on (2020, 2020-03, 2020-03-15; UTC).", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Count messages through this day, month or year (2020, 2020-03, 2020-03-15; UTC).", valueName: "date"))
    var until: String?

    @Option(help: ArgumentHelp("Count only the messages of this list.", valueName: "list"))
    var list: String?

    /// `html` is the organization report's page (`orgs --format html`, as `report --html`); the
    /// other reports refuse it.
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json, html }

    @Option(help: "Output format (html: orgs only, the report page with its charts).")
    var format: Format = .table

    @Option(help: "Most rows listed (0 for all; the table's default is 20).")
    var limit: Int?

    @Flag(help: "Count the messages of automated senders too: list addresses, no-reply and mail-system addresses, trackers, CI, review systems, bots.")
    var includeBots = false

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
        if format == .html, limit != nil { throw ValidationError("--limit is for tables: the HTML page shows its own") }
        if let since, CalendarPeriod(since) == nil { throw ValidationError("--since \(since): give a year, month or day (2020, 2020-03, 2020-03-15)") }
        if let until, CalendarPeriod(until) == nil { throw ValidationError("--until \(until): give a year, month or day (2020, 2020-03, 2020-03-15)") }
    }

    /// Whether any option choosing the messages was given.
    var choosesMessages: Bool { since != nil || until != nil || list != nil || includeBots }

    /// The messages these options choose, of `organization` when one is given.
    func query(organization: String? = nil) -> ReportQuery {
        ReportQuery(organization: organization, list: list, since: since.flatMap(CalendarPeriod.init)?.start,
                    until: until.flatMap(CalendarPeriod.init)?.end, includingAutomated: includeBots)
    }

    /// The rows shown: `--limit`, else 20 in a table and all otherwise.
    func shown<Row>(_ rows: [Row]) -> [Row] {
        first.map { Array(rows.prefix($0)) } ?? rows
    }

    /// How many rows are shown, nil for all.
    var first: Int? {
        let max = limit ?? (format == .table ? 20 : 0)
        return max == 0 ? nil : max
    }

    /// Refuses `--format html` in a report that has no page.
    func refuseHTML(_ command: String) throws {
        if format == .html { throw ValidationError("\(command) has no HTML format: listlens orgs --format html (or report --html) writes the report page") }
    }

    /// Writes the organization report's self-contained page for these options to standard output.
    func writePage(_ store: any ReportProducing, by: ReportPeriod?, title: String?, database: DatabaseOptions) throws {
        var query = query()
        query.by = by
        let name = title ?? "Organization involvement: " + URL(fileURLWithPath: database.path).deletingPathExtension().lastPathComponent
        var page = try ReportPage.build(store: store, query, title: name)
        if page.hasSuffix("\n") { page.removeLast() }
        Terminal.out(page)
    }

    /// The lines under a table: rows not shown, and messages left out.
    func tableFooter(shown: Int, of total: Int, noun: String, leftOut: OrganizationReport.LeftOut) -> [String] {
        var lines: [String] = []
        if shown < total { lines.append("… \(total - shown) more \(noun) (--limit 0 shows all)") }
        if leftOut.messages > 0 {
            lines.append("left out: \(leftOut.messages.counted("message")) from \(leftOut.senders.counted("automated sender")) (--include-bots counts them)")
        }
        return lines
    }
}
