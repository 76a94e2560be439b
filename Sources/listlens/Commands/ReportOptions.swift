import ArgumentParser
import ListLensIndex

/// What every report command takes: the format, how many rows, and whether automated senders count.
struct ReportOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @Option(help: "Output format.")
    var format: Format = .table

    @Option(help: "Most rows listed (0 for all; the table's default is 20).")
    var limit: Int?

    @Flag(help: "Count the messages of automated senders too: list addresses, no-reply and mail-system addresses, trackers, CI, review systems, bots.")
    var includeBots = false

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    /// The rows shown: `--limit`, else 20 in a table and all otherwise.
    func shown<Row>(_ rows: [Row]) -> [Row] {
        let max = limit ?? (format == .table ? 20 : 0)
        return max == 0 ? rows : Array(rows.prefix(max))
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
