import Dispatch
import ListLensAnalysis
import ListLensMail
import ListLensText
#if canImport(Glibc)
import Glibc
#endif

/// Parse throughput without the database: read (streaming) → parse and analyse on all cores → discard.
///
/// This is the import pipeline up to the writer, so its figures say how fast ListLens reads mail;
/// `listlens import` adds SQLite writing, which is serial.
public struct ParseBenchmark {
    public struct Result: Sendable, Codable {
        public var files: Int
        public var messages: Int
        /// Bytes of mail parsed (decompressed).
        public var bytes: Int64
        public var seconds: Double
        public var cores: Int
        /// Peak resident memory of the process, in KiB.
        public var peakRSSKiB: Int
        public var messagesPerSecond: Double { seconds > 0 ? Double(messages) / seconds : 0 }
        public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1_000_000 / seconds : 0 }
    }

    public init() {}

    /// Parses every message of the archives under `paths`. Files that are not mail are skipped.
    public func run(paths: [String]) throws -> Result {
        let start = MonotonicClock.now()
        let analyzer = MessageAnalyzer(organizations: SystemSuffixList.resolver)
        var messages = 0, files = 0
        var bytes: Int64 = 0
        for entry in FileDiscovery.expand(paths).files {
            guard let reader = try? ArchiveReader(path: entry.path) else { continue }
            files += 1
            var batch: [RawMessage] = []
            var done = false
            while !done {
                done = try Importer.fill(&batch, from: reader, maxBytes: Importer.defaultMaxBatchBytes)
                let slots = ResultSlots<Int>(count: batch.count)
                let work = batch
                DispatchQueue.concurrentPerform(iterations: work.count) { i in
                    let a = analyzer.analyze(work[i])
                    slots.set(i, a.message.text.utf8.count + a.segments.count)   // keep the work observable
                }
                _ = slots.values()
                messages += batch.count
                bytes += batch.reduce(Int64(0)) { $0 + $1.length }
                batch.removeAll(keepingCapacity: true)
            }
        }
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Result(files: files, messages: messages, bytes: bytes, seconds: MonotonicClock.now() - start,
                      cores: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), peakRSSKiB: Int(usage.ru_maxrss))
    }
}
