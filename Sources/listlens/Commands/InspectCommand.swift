import ArgumentParser
import ListLensIndex
import ListLensMail
import ListLensText

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Parse one file without importing it and show each message: fields, MIME tree, body segments, defects.",
        discussion: """
            Example:
              listlens inspect fixtures/sample/community-list.mbox
              listlens inspect --format json broken.eml | jq '.messages[].defects'
              listlens inspect --html outlook-reply.eml   # the HTML part and its quotes
              listlens inspect --format jsonl big.mbox \\
                | jq -c 'select(.defects != []) | .source'
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, jsonl }

    @Argument(help: ArgumentHelp("An archive file or single message.", valueName: "file"))
    var file: String

    @Option(help: "Output format.")
    var format: Format = .text

    @Flag(help: "Read the HTML alternative of multipart/alternative messages instead of the plain one.")
    var html = false

    func run() throws {
        // Output streams message by message, in every format: memory stays flat for large archives.
        var failure: String? = nil
        var first = true
        if format == .json { Terminal.out("{\"file\":\(try JSONOutput.encode(file, pretty: false)),\"messages\":[") }
        do {
            let role = try Inspector(preferHTML: html).inspect(path: file) { m in
                switch format {
                case .text: Self.printText(m)
                case .jsonl: Terminal.out(try JSONOutput.encode(m, pretty: false))
                case .json:
                    Terminal.out((first ? "" : ",") + (try JSONOutput.encode(m, pretty: false)))
                    first = false
                }
            }
            switch role {
            case .index(let pages)?:
                Terminal.err("listlens: \(file): an index page linking \(pages.counted("message page or archive file", plural: "message pages or archive files")); `listlens import \(file)` reads them")
            case .scrubbedAttachment?:
                Terminal.err("listlens: \(file): a pipermail scrubbed attachment; it is read with the message page that links to it")
            default: break
            }
        } catch let error as ArchiveError {
            failure = error.description
        }
        if format == .json { Terminal.out("],\"error\":\(try JSONOutput.encode(failure, pretty: false))}") }
        if let failure {
            Terminal.err("listlens: \(failure)")
            throw ExitCode(1)
        }
    }

    static func printText(_ m: ExportedMessage) {
        Terminal.text("message \(m.messageID)")
        Terminal.text("  source      \(m.source.path) @ \(m.source.offset) (+\(m.source.length) bytes)")
        Terminal.text("  date        \(m.date ?? "(none)")")
        Terminal.text("  from        \([m.from.name, m.from.address.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " "))")
        Terminal.text("  subject     \(m.subject)")
        Terminal.text("  list        \(m.list ?? "(none)")\(m.listSource.map { " (from \(Self.describeListSource($0)))" } ?? "")")
        if !m.inReplyTo.isEmpty { Terminal.text("  in-reply-to \(m.inReplyTo.joined(separator: " "))") }
        if !m.references.isEmpty { Terminal.text("  references  \(m.references.count) id\(m.references.count == 1 ? "" : "s")") }
        if let p = m.parent { Terminal.text("  parent      \(p) (\(m.parentMethod ?? "?"))") }
        Terminal.text("  participant \(m.participant ?? "(unknown)"), organization \(m.organization ?? "(none)")")
        Terminal.text("  defects     \(m.defects.isEmpty ? "none" : m.defects.joined(separator: ", "))")
        Terminal.text("  mime")
        for n in m.mime ?? [] {
            let extra = [n.charset.map { "charset=\($0)" }, n.disposition, n.filename.map { "\"\($0)\"" }].compactMap { $0 }
            Terminal.text("    \(n.part) \(n.contentType) \(n.transferEncoding) \(n.bytes) bytes\(extra.isEmpty ? "" : " " + extra.joined(separator: " "))\(n.shown ? "  [shown]" : "")")
        }
        Terminal.text("  segments")
        for s in m.segments ?? [] {
            let lines = s.text.split(separator: "\n", omittingEmptySubsequences: false)
            let first = lines.first.map(String.init) ?? ""
            var who = ""
            if let a = s.attribution, let name = a.name ?? a.address {
                let date: String = a.date.map { ", " + $0 } ?? ""
                who = " (" + name + date + ")"
            }
            Terminal.text("    \(s.kind)\(s.depth > 0 ? " depth \(s.depth)" : "")\(who): \(lines.count) line\(lines.count == 1 ? "" : "s") | \(first.prefix(70))")
        }
        Terminal.text("")
    }
}

extension InspectCommand {
    /// `list-id` → `the List-Id header`, for the text output.
    static func describeListSource(_ source: String) -> String {
        switch ListNaming.Source(rawValue: source) {
        case .listID?: return "the List-Id header"
        case .listPost?: return "the List-Post header"
        case .indexPage?: return "the archive's index page"
        case .folder?: return "the archive's list folder"
        case .option?: return "--list"
        case nil: return source
        }
    }
}
