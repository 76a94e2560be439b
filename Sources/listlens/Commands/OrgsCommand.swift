import ArgumentParser
import ListLensIndex

struct OrgsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orgs",
        abstract: "Report organization involvement: messages, people, threads started, first and last message.",
        discussion: """
            An organization is the registrable domain of the sender's address (public suffix list); \
            webmail senders (gmail.com, yahoo.com, …) count as unaffiliated. Messages from automated \
            senders (list addresses, no-reply and mail-system addresses, trackers such as Trac, CI, \
            review systems, bots: docs/participants.md) are left out unless --include-bots is given.

            Example:
              listlens orgs --limit 10
              listlens orgs --format csv > orgs.csv
              listlens orgs --include-bots
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var report: ReportOptions

    func run() throws {
        let orgs = try OrganizationReport.build(store: try database.openExisting(), includingAutomated: report.includeBots)
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
                     Self.percent(r.messages, of: orgs.totalMessages), String(r.people), String(r.threadsStarted),
                     String((r.firstMessage ?? "").prefix(10)), String((r.lastMessage ?? "").prefix(10))]
                },
                rightAligned: [1, 2, 3, 4])
            for line in table.renderText() { Terminal.text(line) }
            for line in report.tableFooter(shown: shown.count, of: orgs.rows.count, noun: "organizations", leftOut: orgs.leftOut) {
                Terminal.out(line)
            }
        }
    }

    static func percent(_ n: Int, of total: Int) -> String {
        guard total > 0 else { return "0.0%" }
        let tenths = Int((Double(n) * 1000 / Double(total)).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
