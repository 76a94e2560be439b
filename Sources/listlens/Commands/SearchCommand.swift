import ArgumentParser
import ListLensIndex

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search what people wrote (not what they quoted), ranked by relevance (docs/search.md).",
        discussion: """
            Words must all match; "a phrase" matches as written; word* matches a prefix. \
            A OR B matches either; NOT A, or -A, leaves A out; parentheses group. \
            from:NAME keeps messages whose sender name or address contains NAME. \
            quoted:WORD searches quoted text instead. Any other name: is searched as text.

            Example:
              listlens search 'from:glyph deferred'
              listlens search '(deferred OR errback) -inlineCallbacks'
              listlens search --format json '"inline callbacks"' | jq '.[].subject'
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var database: DatabaseOptions

    // Every word the options do not claim, `-deferred` included: a query may start with `-`.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The query (quote it for the shell).", valueName: "query"))
    var query: [String]

    @Option(help: "Most hits shown.")
    var limit = 20

    @Option(help: "Output format.")
    var format: Format = .text

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let parsed: SearchQuery
        let text = query.joined(separator: " ")
        do { parsed = try SearchQuery.parse(text) } catch {
            // The error's position, under the query: `  from:"priya quota` / `       ^`.
            let caret = String(repeating: " ", count: min(error.position, text.count)) + "^"
            throw ValidationError("query: \(error.description)\n  \(text)\n  \(caret)")
        }
        guard !parsed.isEmpty else { throw ValidationError("query: nothing to search for") }
        let store = try database.openExisting()
        let hits = try Searcher(store: store).search(parsed, limit: limit)
        if format == .json { Terminal.out(try JSONOutput.encode(hits)); return }
        if hits.isEmpty { Terminal.err("no messages match"); return }
        for h in hits {
            let who = h.from.name ?? h.from.address ?? "(unknown)"
            let subject = h.subject.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            Terminal.text("\(h.date.map { String($0.prefix(10)) } ?? "----------")  \(who) — \(subject)")
            Terminal.text("    \(h.snippet)")
        }
    }
}
