import ArgumentParser
import ListLensIndex
import ListLensText

struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove imported messages: every message of an archive file or folder, or one Message-ID.",
        discussion: """
            A path removes every message read from that file (a folder: from every file under \
            it; a zip: from its members), with its quarantine records; the file need not exist any \
            more. <id>, or text with an @ that is not a file, removes the message with that \
            Message-ID and any imposters beside it. Replies to a removed message lose their parent \
            link, and threads are rebuilt. To correct an import rather than undo it, use \
            `listlens import --replace`.

            Example:
              listlens remove --db lcoo.sqlite reply.html
              listlens remove --db twisted.sqlite \\
                ../shared/corpora/twisted-pipermail/twisted-python/2013-July
              listlens remove --db twisted.sqlite "<20130701214240.28793@top>"
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("Archive files or folders as imported, or Message-IDs.", valueName: "path-or-id"))
    var targets: [String]

    func run() throws {
        let store = try database.openExistingForWriting()
        let summary = try Remover(store: store, affiliations: try database.affiliationsFile()).run(targets)
        for (target, counts) in summary.removed {
            var line = "removed \(counts.messages.counted("message")) of \(target.description)"
            if counts.quarantined > 0 { line += " and \(counts.quarantined.counted("quarantine record"))" }
            if counts.messages == 0, counts.sources > 0 {
                // Every message read from it was a copy of one stored from another file (a pipermail page of a .txt month).
                line += ": \(counts.sources == 1 ? "it held" : "its \(counts.sources.grouped) files held") only copies of messages stored from other files; remove those files to remove them"
            }
            Terminal.out(line)
        }
        for text in summary.unmatched {
            Terminal.err("listlens: \(text): no stored archive file or Message-ID matches it (give a file or folder as it was imported, or an id as \"<id>\"; `listlens export` lists both)")
        }
        if !summary.unmatched.isEmpty { throw ExitCode(1) }
    }
}
