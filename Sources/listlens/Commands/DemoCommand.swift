import ArgumentParser
import Foundation
import ListLensIndex
import ListLensSQLite

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Import the sample archive into a fresh database, then show the organization report and a search.",
        discussion: """
            The sample (fixtures/sample/community-list.mbox) is a small list written for ListLens: \
            several organizations, threads, quoted replies, and one Word-generated HTML message.

            Example:
              swift run listlens demo
            """)

    @Option(help: ArgumentHelp("Use this archive instead of the sample.", valueName: "path"))
    var archive: String?

    @Option(help: ArgumentHelp("Keep the demo database at this path (it must not exist yet).", valueName: "path"))
    var db: String?

    /// The sample ships in the source tree; `swift run` runs from a checkout, so find it from this file.
    static var sampleArchive: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/sample/community-list.mbox").path
    }

    func run() throws {
        let source = archive ?? Self.sampleArchive
        guard FileManager.default.fileExists(atPath: source) else {
            throw CLIError("\(source): sample archive not found (run from a ListLens checkout, or pass --archive PATH)")
        }
        let dbPath: String
        let temporary: URL?
        if let db {
            guard !FileManager.default.fileExists(atPath: db) else { throw CLIError("\(db): exists already; the demo needs a fresh database") }
            dbPath = db
            temporary = nil
        } else {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("listlens-demo-\(getpid())")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            dbPath = dir.appendingPathComponent("demo.sqlite").path
            temporary = dir
        }
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }

        Terminal.out("$ listlens import \(archive ?? "fixtures/sample/community-list.mbox")")
        let store = try SQLiteStore(path: dbPath)
        let summary = try Importer(store: store).run(paths: [source])
        for f in summary.failures { Terminal.err("listlens: \(f.line)") }
        Terminal.out(summary.line.replacingDuration())
        Terminal.out("")
        Terminal.out("$ listlens orgs")
        let orgs = try OrgsCommand.parse(["--db", dbPath])
        try orgs.run()
        Terminal.out("")
        let query = "from:priya quota"
        Terminal.out("$ listlens search '\(query)'")
        let search = try SearchCommand.parse(["--db", dbPath, query])
        try search.run()
        if db != nil { Terminal.out("\nThe demo database is at \(dbPath).") }
    }
}

extension String {
    /// The demo's output is pasted in the README: keep its figures, drop the machine-dependent timing.
    func replacingDuration() -> String {
        guard let range = range(of: #", [0-9.]+ s, [0-9,]+ messages/s$"#, options: .regularExpression) else { return self }
        return String(self[..<range.lowerBound])
    }
}
