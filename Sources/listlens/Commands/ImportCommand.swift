import ArgumentParser
import ListLensIndex

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import mail archives: mbox files (plain, gzip or bzip2), pipermail months, single messages, Maildir folders, or folders of them.",
        discussion: """
            The format is sniffed from each file's content, not its name. Re-importing the same
            archive adds nothing. Malformed messages are kept with a recorded defect; messages that
            cannot be kept are quarantined with the reason. Both are counted in the summary.

            Example:
              listlens import --db twisted.sqlite ../shared/corpora/twisted-pipermail/twisted-python/*.txt.gz
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("Archive files or folders.", valueName: "path"))
    var paths: [String]

    @Option(help: "The list the messages belong to (default: the List-Id header, else the archive's folder name).")
    var list: String?

    @Flag(name: .shortAndLong, help: "No progress line, even on a terminal.")
    var quiet = false

    func run() throws {
        let store = try database.open()
        let importer = Importer(store: store, options: .init(list: list))
        let showProgress = !quiet && Terminal.stderrIsTerminal
        let progress: ((ImportProgress) -> Void)? = showProgress ? { ProgressLine.show($0) } : nil
        let summary = try importer.run(paths: paths, progress: progress)
        if showProgress { Terminal.clearStatus() }
        for failure in summary.failures { Terminal.err("listlens: \(failure)") }
        if !summary.skippedFiles.isEmpty {
            Terminal.err("listlens: skipped \(summary.skippedFiles.count.grouped) file\(summary.skippedFiles.count == 1 ? "" : "s") that are not mail archives (e.g. \(summary.skippedFiles[0]))")
        }
        if !summary.sameContentFiles.isEmpty {
            let n = summary.sameContentFiles.count
            Terminal.err("listlens: read \(n.grouped) month\(n == 1 ? "" : "s") once: \(n == 1 ? "its" : "their") .gz twin holds the same mbox (e.g. \(summary.sameContentFiles[0]))")
        }
        Terminal.out(summary.line)
        if !summary.failures.isEmpty { throw ExitCode(1) }
    }
}

/// The progress line on stderr: count, rate and ETA.
enum ProgressLine {
    static func show(_ p: ImportProgress) {
        var line = "\(p.messages.grouped) messages, \(Int(p.messagesPerSecond.rounded()).grouped)/s"
        if p.bytesTotal > 0 { line += ", \(Int(Double(p.bytesDone) * 100 / Double(p.bytesTotal)))%" }
        if let eta = p.etaSeconds { line += ", ETA \(Int(eta.rounded())) s" }
        Terminal.status(line)
    }
}
