import ArgumentParser
import ListLensIndex
import ListLensText

struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark",
        abstract: "Measure parse throughput (all cores, no database): messages/s, MB/s, peak memory; or HTML-to-text MB/s with --html.",
        discussion: """
            Build in release first: debug builds are many times slower. scripts/benchmark.py runs this \
            beside Python's email package on the same files and prints the ratio.

            Example:
              swift build -c release
              .build/release/listlens benchmark \\
                ../shared/corpora/twisted-pipermail/twisted-python/*.txt.gz
              python3 scripts/benchmark_html.py    # --html beside lxml
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: ArgumentHelp("Archive files or folders.", valueName: "path"))
    var paths: [String]

    @Option(help: "Output format.")
    var format: Format = .text

    @Flag(help: "Convert HTML files to text on one core instead (each path an HTML document).")
    var html = false

    func run() throws {
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

    static func fixed(_ v: Double) -> String {
        let t = Int((v * 10).rounded())
        return "\(t / 10).\(t % 10)"
    }
}
