import ArgumentParser
import Foundation
import ListLensIndex
import ListLensText

struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark",
        abstract: "Measure parse throughput (all cores, no database): messages/s, MB/s, peak memory; HTML-to-text MB/s with --html; search latency with --queries.",
        discussion: """
            Build in release first: debug builds are many times slower. scripts/benchmark.py runs this \
            beside Python's email package on the same files and prints the ratio.

            Example:
              swift build -c release
              .build/release/listlens benchmark \\
                ../shared/corpora/twisted-pipermail/twisted-python/*.txt.gz
              python3 scripts/benchmark_html.py    # --html beside lxml

            --queries FILE times searches on the database instead: each line of FILE is a class \
            and a query separated by a tab (`from<TAB>from:glyph`); each query runs --runs times \
            after one warming run, as listlens search runs it (20 hits, then the count).
              .build/release/listlens benchmark --db big.sqlite --queries queries.tsv --format json
              python3 scripts/benchmark_search.py --db big.sqlite   # beside notmuch, p50 and p95 per class
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: ArgumentHelp("Archive files or folders.", valueName: "path"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("Time the searches in this file (class, a tab, a query; one a line) on --db.", valueName: "file"))
    var queries: String?

    @Option(help: "Timed runs of each query (--queries).")
    var runs = 5

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Output format.")
    var format: Format = .text

    @Flag(help: "Convert HTML files to text on one core instead (each path an HTML document).")
    var html = false

    func validate() throws {
        if queries == nil, paths.isEmpty { throw ValidationError("give archive files, or --queries FILE to time searches") }
        if queries != nil, !paths.isEmpty || html { throw ValidationError("--queries times searches on --db: give no archive files and no --html") }
        if runs < 1 { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        if let queries { return try timeSearches(queries) }
        if html {
            let r = try HTMLBenchmark().run(paths: paths)
            if format == .json { Terminal.out(try JSONOutput.encode(r, pretty: false)); return }
            Terminal.out("converted \(r.files.grouped) HTML documents (\(Self.fixed(Double(r.bytes) / 1_000_000)) MB) in \(Self.fixed(r.seconds * 1000)) ms "
                + "on 1 core (median of \(r.rounds)): \(Self.fixed(r.megabytesPerSecond)) MB/s")
            return
        }
        let r = try ParseBenchmark().run(paths: paths)
        if format == .json { Terminal.out(try JSONOutput.encode(r, pretty: false)); return }
        let mb = Double(r.bytes) / 1_000_000
        Terminal.out("parsed \(r.messages.counted("message")) (\(Int(mb.rounded())) MB) from \(r.files.counted("file")) in \(Self.fixed(r.seconds)) s "
            + "on \(r.cores) cores: \(Int(r.messagesPerSecond.rounded()).grouped) messages/s, \(Self.fixed(r.megabytesPerSecond)) MB/s, "
            + "peak memory \(r.peakRSSKiB / 1024) MiB")
    }

    private func timeSearches(_ file: String) throws {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw CLIError("\(file): cannot read it") }
        var list: [SearchBenchmark.Query] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty && !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { throw CLIError("\(file):\(n + 1): write a class, a tab, then the query") }
            do { _ = try SearchQuery.parse(String(parts[1])) } catch {
                throw CLIError("\(file):\(n + 1): \(error)")
            }
            list.append(.init(kind: String(parts[0]), text: String(parts[1])))
        }
        let store = try database.openExisting()
        let timings = try SearchBenchmark(runs: runs).run(list, store: store)
        if format == .json { Terminal.out(try JSONOutput.encode(timings, pretty: false)); return }
        for t in timings {
            let sorted = t.milliseconds.sorted()
            Terminal.out("\(t.kind)\t\(t.query)\t\(t.hits.grouped) hits\tmedian \(Self.fixed(sorted[sorted.count / 2])) ms\tslowest \(Self.fixed(sorted.last ?? 0)) ms")
        }
    }

    static func fixed(_ v: Double) -> String {
        let t = Int((v * 10).rounded())
        return "\(t / 10).\(t % 10)"
    }
}
