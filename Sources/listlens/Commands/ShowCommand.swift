import ArgumentParser
import ListLensIndex
import ListLensMail

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one message as a reader wants it: headers, its words and the quotes it answers, its place in its thread.",
        discussion: """
            The message is named by its Message-ID (as search prints it, <> optional). Quoted text \
            is shown with a > per level, list footers and archive notes as one line. --raw prints \
            the bytes the message was read from (the archive file is read again; an HTML archive \
            page gives the message rebuilt from it).

            Example:
              listlens show '<51D1A7E4.3010701@twistedmatrix.com>'
              listlens show --raw '<51D1A7E4.3010701@twistedmatrix.com>' > message.eml
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The message's Message-ID.", valueName: "message-id"))
    var messageID: String

    @Flag(help: "Print the message's original bytes.")
    var raw = false

    @Option(help: "Output format: text, or json (the message as export writes it, with segments).")
    var format: Format = .text

    func run() throws {
        let store = try database.openExisting()
        let place: MessagePlace
        do {
            place = try MessagePlace.find(messageID, in: store)
        } catch MessagePlace.Failure.notFound(let id) {
            throw CLIError("no message with Message-ID \(id)")
        }
        let m = place.message
        if raw {
            let bytes: [UInt8]
            do {
                let found = try OriginalBytes.read([m.source])
                guard let message = found[OriginalBytes.Place(m.source)] else { throw CLIError("\(m.source.path): the message is not where it was") }
                bytes = message.bytes
            } catch let failure as OriginalBytes.Failure {
                throw CLIError(failure.description)
            }
            Terminal.flush()
            OutputBuffer.writeAll(fd: 1, bytes)
            return
        }
        if format == .json { Terminal.out(try JSONOutput.encode(m)); return }
        Pager.start()

        func person(_ p: ExportedMessage.Person) -> String {
            switch (p.name, p.address) {
            case let (name?, address?): "\(name) <\(address)>"
            case let (name?, nil): name
            case let (nil, address?): address
            default: "(unknown)"
            }
        }
        Terminal.text("Message-ID: <\(m.messageID)>")
        Terminal.text("Date:       \(m.date ?? "(none)")")
        Terminal.text("From:       \(person(m.from))\(m.organization.map { " (\($0))" } ?? "")")
        if !m.to.isEmpty { Terminal.text("To:         \(m.to.map(person).joined(separator: ", "))") }
        if !m.cc.isEmpty { Terminal.text("Cc:         \(m.cc.map(person).joined(separator: ", "))") }
        Terminal.text("Subject:    \(m.subject.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " "))")
        if let list = m.list { Terminal.text("List:       \(list)") }
        var thread = "<\(place.threadID)>, message \(place.position) of \(place.threadSize), level \(place.level)"
        if let parent = m.parent { thread += "; answers <\(parent)> (\(m.parentMethod ?? "?"))" }
        Terminal.text("Thread:     \(thread)")
        if !place.replies.isEmpty { Terminal.text("Replies:    \(place.replies.map { "<\($0)>" }.joined(separator: ", "))") }
        Terminal.text("")
        for segment in m.segments ?? [] {
            switch segment.kind {
            case "footer": Terminal.text("[list footer]")
            case "archive-note": Terminal.text("[archive note]")
            default:
                let prefix = segment.kind == "quoted" ? String(repeating: ">", count: max(1, segment.depth)) + " " : ""
                let source = segment.kind == "quoted" ? segment.source?.messageID.map { "[quoted from <\($0)>]" } : nil
                if let source { Terminal.text(source) }
                for line in segment.text.split(separator: "\n", omittingEmptySubsequences: false) {
                    Terminal.text(prefix + line)
                }
            }
        }
    }
}
