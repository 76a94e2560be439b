import ArgumentParser
import ListLensIndex

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every message as JSON Lines, one object per message (docs/json-output.md).",
        discussion: """
            Example:
              listlens export > messages.jsonl
              listlens export | jq -r 'select(.organization == "ibm.com") | .subject'
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl }

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Output format.")
    var format: Format = .jsonl

    func run() throws {
        let store = try database.openForReport()
        try Exporter(store: store).exportJSONLines { Terminal.out($0) }
    }
}
