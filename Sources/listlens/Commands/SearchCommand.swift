import ArgumentParser
import ListLensIndex
import ListLensMail

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search what people wrote (not what they quoted), ranked by relevance (docs/search.md).",
        discussion: """
            Words must all match; "a phrase" matches as written; word* matches a prefix. \
            A OR B matches either; NOT A, or -A, leaves A out; parentheses group. \
            Fields: from: to: cc: person: org: quotes: list: tag: subject: quoted: any: mid: thread: \
            date: after: before: is:reply|root|unanswered|patch has:html|attachment. Names, addresses and words match \
            whatever their case and accents. Any other name: is searched as text. \
            On a terminal, text goes through $LISTLENS_PAGER, $PAGER or less (cat: none).

            Example:
              listlens search 'from:glyph deferred'
              listlens search '(deferred OR errback) -inlineCallbacks date:2010..2012'
              listlens search --count 'org:ibm is:patch after:2020-02'
              listlens search --format json '"inline callbacks"' | jq '.[].subject'
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, jsonl, mbox }

    @OptionGroup var database: DatabaseOptions

    // Every word the options do not claim, `-deferred` included: a query may start with `-`.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The query (quote it for the shell).", valueName: "query"))
    var query: [String]

    @Option(help: "Most hits shown.")
    var limit = 20

    @Option(help: "Order: relevance (bm25, newer first among equals) or date (newest first).")
    var sort: SearchOrder = .relevance

    @Flag(help: "Print only how many messages match.")
    var count = false

    @Flag(help: "Group the hits by thread.")
    var threads = false

    @Option(help: "Output format: text, json (an array), jsonl (one hit a line), or mbox (the hits' original messages, for a mail client).")
    var format: Format = .text

    @Option(help: ArgumentHelp("Longest the search may run, and then its count, in seconds.", valueName: "seconds"))
    var timeLimit: Double = Double(SearchQuery.timeLimit.components.seconds)

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        guard timeLimit > 0, timeLimit <= 86_400 else { throw ValidationError("--time-limit must be more than 0 and at most 86400 seconds") }
        // A word like `--limt` is a mistyped option, not query text (a query's own `-word` has one dash).
        if let option = query.first(where: { $0.hasPrefix("--") && ($0.dropFirst(2).first?.isLetter ?? false) }) {
            throw ValidationError("unknown option '\(option)' (see listlens search --help; a word starting with -- can be searched as \"\(option)\")")
        }
    }

    func run() throws {
        let parsed: SearchQuery
        let text = query.joined(separator: " ")
        do { parsed = try SearchQuery.parse(text) } catch {
            // The error's position, under the query: `  from:"priya quota` / `       ^`.
            let caret = String(repeating: " ", count: min(error.position, text.count)) + "^"
            throw Self.queryError("\(error.description)\n  \(text)\n  \(caret)")
        }
        guard !parsed.isEmpty else { throw Self.queryError("nothing to search for") }
        let store = try database.openExisting()
        let searcher = Searcher(store: store, timeLimit: .milliseconds(Int64((timeLimit * 1000).rounded(.up))))
        if count {
            Terminal.out(String(try searcher.count(parsed)))
            return
        }
        let hits = try searcher.search(parsed, order: sort, limit: limit)
        switch format {
        case .json: Terminal.out(try JSONOutput.encode(hits)); return
        case .jsonl: for h in hits { Terminal.out(try JSONOutput.encode(h, pretty: false)) }; return
        case .mbox: try writeMbox(hits, store: store); return
        case .text: break
        }
        if hits.isEmpty { Terminal.err("no messages match"); return }
        Pager.start()
        if threads {
            // Threads in the order of their best hit; each thread's hits in rank order.
            var order: [String] = [], byThread: [String: [SearchHit]] = [:]
            for h in hits {
                let key = h.threadID ?? h.messageID
                if byThread[key] == nil { order.append(key) }
                byThread[key, default: []].append(h)
            }
            for key in order {
                let group = byThread[key] ?? []
                Terminal.text("thread <\(key)> (\(group.count.counted("hit")))")
                for h in group { printHit(h, indent: "  ") }
            }
        } else {
            for h in hits { printHit(h, indent: "") }
        }
        if hits.count == limit {
            let total = try searcher.count(parsed)
            if total > hits.count {
                Terminal.err("\(hits.count) of \(total.grouped) hits shown; --limit \(total) shows them all")
            }
        }
    }

    /// The hits' original messages as an mbox, in hit order (the archive files are read again).
    private func writeMbox(_ hits: [SearchHit], store: any ListLensStore) throws {
        var messages: [ExportedMessage] = []
        var threads: [String: [ExportedMessage]] = [:]
        for h in hits {
            guard let key = h.threadID else { continue }
            if threads[key] == nil { threads[key] = try store.exportedMessages(inThread: key) }
            if let m = threads[key]?.first(where: { $0.messageID == h.messageID }) { messages.append(m) }
        }
        let found: [OriginalBytes.Place: RawMessage]
        do { found = try OriginalBytes.read(messages.map(\.source)) } catch let failure as OriginalBytes.Failure {
            throw CLIError(failure.description)
        }
        Terminal.flush()
        for m in messages {
            guard let raw = found[OriginalBytes.Place(m.source)] else { continue }
            OutputBuffer.writeAll(fd: 1, MboxWriter.entry(raw.bytes, envelope: raw.envelope, sender: m.from.address,
                                                          date: m.date.flatMap(MailDate.init(rfc3339:))))
        }
    }

    /// A query the parser refused: a usage error (exit 64) that shows where, without the usage line
    /// (the query, not the options, was wrong).
    static func queryError(_ message: String) -> ExitCode {
        for (i, line) in message.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            Terminal.err(i == 0 ? "Error: query: " + line : String(line))
        }
        return .validationFailure
    }

    /// `2020-03-04  Andrew Jeffery (ibm.com) · openbmc — subject`, the snippet, the Message-ID.
    private func printHit(_ h: SearchHit, indent: String) {
        let who = h.from.name ?? h.from.address ?? "(unknown)"
        let organization = h.organization.map { " (\($0))" } ?? ""
        let list = h.list.map { " · \($0)" } ?? ""
        let subject = h.subject.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        Terminal.text("\(indent)\(h.date.map { String($0.prefix(10)) } ?? "----------")  \(who)\(organization)\(list) — \(subject)")
        Terminal.text("\(indent)    \(h.snippet)")
        Terminal.text("\(indent)    <\(h.messageID)>")
    }
}

extension SearchOrder: ExpressibleByArgument {}
