import ListLensMail
import ListLensText

/// HTML-to-text throughput on one core: every file is read into memory first, then converted
/// `rounds` times; the median round is reported. scripts/benchmark_html.py runs lxml on the same files.
public struct HTMLBenchmark {
    public struct Result: Codable, Sendable {
        public var files: Int
        public var bytes: Int
        /// Median seconds of one round over all files.
        public var seconds: Double
        public var rounds: Int
        public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1_000_000 / seconds : 0 }
        /// Characters of text produced in one round (to show work was done).
        public var textCharacters: Int
    }

    public var rounds: Int
    public init(rounds: Int = 3) { self.rounds = max(1, rounds) }

    public func run(paths: [String]) throws -> Result {
        let documents: [[UInt8]] = paths.compactMap(HTMLArchive.readFile)
        let bytes = documents.reduce(0) { $0 + $1.count }
        var times: [Double] = []
        var characters = 0
        for _ in 0..<rounds {
            let start = MonotonicClock.now()
            characters = 0
            for d in documents {
                characters += HTMLText.convert(bytes: d[...], declaredCharset: nil).text?.utf8.count ?? 0
            }
            times.append(MonotonicClock.now() - start)
        }
        times.sort()
        return Result(files: documents.count, bytes: bytes, seconds: times[times.count / 2], rounds: rounds, textCharacters: characters)
    }
}
