import ArgumentParser
import ListLensIndex

struct ThreadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thread",
        abstract: "Show one thread as a tree: per message, what its author wrote and the quoted points it answers, and whose.",
        discussion: """
            The thread is named by its id (thread_id in export), by the Message-ID of any message \
            in it, or by a search (docs/search.md), whose best hit's thread is shown. A quote's \
            source is the message it was found in (the thread above it, else the list), or what its \
            attribution line says when the archive does not hold it.

            Example:
              listlens thread '<51D1A7E4.3010701@twistedmatrix.com>'
              listlens thread 'from:glyph inlineCallbacks'
              listlens thread --format json 'quota thresholds' | jq '.messages[].from.name'
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("A thread id, a Message-ID or a search (quote it for the shell).", valueName: "thread"))
    var target: [String]

    @Option(help: "Output format.")
    var format: Format = .text

    @Option(help: "Lines of each quoted point shown in text output (0 for all).")
    var quoteLines = 2

    func run() throws {
        let store = try database.openExisting()
        let view: ThreadView
        do {
            view = try ThreadReader(store: store).read(target.joined(separator: " "))
        } catch ThreadReader.Failure.notFound(let what) {
            throw CLIError("no thread, message or search hit for \(what)")
        }
        if format == .json { Terminal.out(try JSONOutput.encode(view)); return }
        Pager.start()
        Terminal.text("thread \(view.threadID) · \(view.subject) · \(view.messages.count) message\(view.messages.count == 1 ? "" : "s")")
        for m in view.messages {
            let indent = String(repeating: "  ", count: min(m.level, 12))
            let who = [m.from.name, m.from.address.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " ")
            let how = m.parentMethod.map { $0 == "in-reply-to" || $0 == "references" ? "" : " (linked by \($0))" } ?? ""
            Terminal.text("")
            Terminal.text("\(indent)\(m.date.map { String($0.prefix(16)).replacingOccurrences(of: "T", with: " ") } ?? "(no date)")  \(who.isEmpty ? "(unknown sender)" : who)\(how)")
            for part in m.parts {
                let lines = part.text.split(separator: "\n", omittingEmptySubsequences: false)
                if part.kind == "quote" {
                    Terminal.text("\(indent)  \(String(repeating: ">", count: part.depth)) [\(Self.whose(part))]")
                    let shown = quoteLines == 0 ? lines[...] : lines.prefix(quoteLines)
                    for l in shown { Terminal.text("\(indent)  \(String(repeating: ">", count: part.depth)) \(l)") }
                    if shown.count < lines.count { Terminal.text("\(indent)  \(String(repeating: ">", count: part.depth)) …") }
                } else {
                    for l in lines { Terminal.text("\(indent)  \(l)") }
                }
            }
        }
    }

    /// `glyph@twistedmatrix.com` (the participant of the message quoted: in the thread above, or
    /// named by the HTML's cite), `…, found elsewhere in the list`, `Ann Lee, not in the archive`, or `unknown source`.
    static func whose(_ part: ThreadView.Part) -> String {
        if let s = part.source, s.messageID != nil {
            let elsewhere = s.method == "shingles" ? ", found elsewhere in the list" : ""
            return (s.participant ?? part.attributedTo ?? "a stored message") + elsewhere
        }
        if let name = part.attributedTo { return "\(name), not in the archive" }
        return "unknown source"
    }
}
