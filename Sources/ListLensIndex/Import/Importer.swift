import Dispatch
import ListLensAnalysis
import ListLensMail
import ListLensText
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Imports archives into a store: read (streaming) → parse and analyse (all cores, one fewer while
/// the import waits for the writer: ``ParallelLanes``) → write (serial) → archive-wide passes (threading).
///
/// Writing batch N overlaps parsing batch N+1 (a serial writer queue). Memory stays flat: at most
/// ``maxBatchesInFlight`` batches of at most ``batchSize`` messages and ``Options/maxBatchBytes`` bytes
/// exist at once, whatever the archive size. Re-importing adds
/// nothing: a message already stored (by its Message-ID, or without one by its content, see
/// ``Deduplication``) counts as a duplicate. The threading pass runs once at the end, on what changed.
public final class Importer {
    /// Messages parsed together on all cores, then written in one transaction.
    public static let batchSize = 512
    /// Batches parsed but not yet written, plus the one being parsed.
    public static let maxBatchesInFlight = 2
    /// Raw bytes in one batch at the most, whatever the message count: 512 messages of the 64 MiB
    /// limit would otherwise be held at once (30 messages of 40 MB peaked at 3.8 GB).
    public static let defaultMaxBatchBytes = 32 << 20

    public struct Options: Sendable {
        /// The list these messages belong to. When nil: ``ListNaming`` (List-Id, List-Post, the archive's index page, its folder).
        public var list: String?
        /// Sender, date and subject for messages that lack them (a bare HTML body has no headers).
        public var defaults: MessageDefaults
        /// A batch ends when its raw messages reach this many bytes (or ``Importer/batchSize`` messages).
        public var maxBatchBytes: Int
        /// Messages already stored are replaced by the copies read now, not skipped (``Deduplication``).
        public var replace: Bool
        /// Thread from quoted text alone, without References and In-Reply-To: what the text recovers.
        public var ignoreThreadHeaders: Bool
        /// Quote segmentation, quote attribution and threading from quoted text. Off only to measure
        /// what they cost (`import --without-quote-analysis`, scripts/benchmark_quotes.py): bodies are then stored as one authored segment.
        public var analyzesQuotes: Bool
        /// The lists imported into thread replies by subject from now on (true), or no longer (false);
        /// nil keeps each list's setting (off for a new list). `import --thread-by-subject`.
        public var threadsBySubject: Bool?
        /// The affiliations file applied after the import (docs/affiliations.md); nil applies none.
        public var affiliations: AffiliationsFile?
        public init(list: String? = nil, defaults: MessageDefaults = MessageDefaults(), replace: Bool = false,
                    ignoreThreadHeaders: Bool = false, analyzesQuotes: Bool = true, threadsBySubject: Bool? = nil,
                    maxBatchBytes: Int = Importer.defaultMaxBatchBytes, affiliations: AffiliationsFile? = nil) {
            self.list = list
            self.affiliations = affiliations
            self.threadsBySubject = threadsBySubject
            self.defaults = defaults
            self.replace = replace
            self.ignoreThreadHeaders = ignoreThreadHeaders
            self.analyzesQuotes = analyzesQuotes
            self.maxBatchBytes = max(1, maxBatchBytes)
        }

        /// Files are read whatever the store recorded of them: to replace what they hold, to learn
        /// their lists (subject threading is set per list), or to say which given sender, date or
        /// subject was not applied to messages already stored.
        var readsEveryFile: Bool { replace || threadsBySubject != nil || !defaults.isEmpty }
    }

    /// Reads the next batch: up to ``batchSize`` messages, stopping once they hold `maxBytes` bytes.
    /// - Returns: true when the reader is at its end.
    static func fill(_ batch: inout [RawMessage], from reader: ArchiveReader, maxBytes: Int) throws -> Bool {
        var bytes = 0
        while batch.count < batchSize, bytes < maxBytes {
            guard let raw = try reader.next() else { return true }
            bytes += raw.bytes.count
            batch.append(raw)
        }
        return false
    }

    private let store: any ListLensStore
    private let options: Options
    private let logger: Logger
    private let analyzer: MessageAnalyzer
    /// Each list's learned footer (nil: learned, none found), read when a run starts.
    private var footers: [String: ListFooter?] = [:]
    /// Messages this run read last: their copies skip the quote step.
    private var recentCopies = RecentCopies()

    public init(store: any ListLensStore, options: Options = Options(), logger: Logger = Logger(label: "listlens.import")) {
        self.store = store
        self.options = options
        self.logger = logger
        analyzer = MessageAnalyzer(organizations: SystemSuffixList.resolver, defaults: options.defaults, analyzesQuotes: options.analyzesQuotes)
    }

    /// Imports every archive under `paths`; `-` is standard input. Unusable files are reported in
    /// the summary's `failures` and the import goes on with the rest; only database failures throw.
    public func run(paths: [String], progress: ((ImportProgress) -> Void)? = nil) throws -> ImportSummary {
        let start = MonotonicClock.now()
        var summary = ImportSummary()
        var paths = paths
        var spooled: String? = nil
        if let i = paths.firstIndex(of: StandardInput.path) {
            let file = try StandardInput.spool()
            spooled = file
            paths[i] = file
        }
        defer { if let spooled { unlink(spooled) } }
        let (found, missing, containers) = FileDiscovery.expand(paths)
        for m in missing { summary.failures.append(ImportIssue(file: m, code: .missing, reason: "no such file or directory")) }
        let (entries, twins) = FileDiscovery.withoutCompressedTwins(found)
        summary.sameContentFiles = twins.map(\.twin)
        let totalBytes = entries.reduce(Int64(0)) { $0 + Self.fileSize($1.path) }
        var doneBytes: Int64 = 0
        var lastReport = 0.0

        // Lists' footers as learned so far: their new messages are segmented with them from the start.
        footers = options.analyzesQuotes ? try store.listFooterStates().reduce(into: [:]) { $0[$1.name] = $1.footer } : [:]
        let writer = BatchWriter(writer: try store.makeBatchWriter(), listOverride: options.list, replacing: options.replace,
                                 threadsBySubject: options.threadsBySubject, maxInFlight: Self.maxBatchesInFlight)
        let html = HTMLArchive.Context()
        var rootsWithMail = Set<String>()
        var indexNames: [String: String?] = [:]
        for entry in entries {
            let fromStandardInput = entry.path == spooled
            let realPath = fromStandardInput ? StandardInput.path : FileDiscovery.realPath(entry.path)
            // A file read to its end before is passed over when it has not changed, and read from
            // its last message on when it only grew (SourceChange); its fingerprint is taken before
            // reading, so what is recorded is never newer than what was read.
            var resumeAt: Int64 = 0
            var fingerprint: SourceFingerprint? = nil
            if !fromStandardInput {
                let stored = options.readsEveryFile ? nil : try store.storedSourceFile(path: realPath)
                switch (try? SourceChange.of(path: entry.path, stored: stored)) ?? .changed {
                case .unchanged(let now):
                    if let stored, now != stored.fingerprint {
                        writer.record(StoredSourceFile(path: realPath, fingerprint: now, resumeOffset: stored.resumeOffset))
                    }
                    summary.unchangedFiles += 1
                    if let root = entry.root { rootsWithMail.insert(root) }
                    doneBytes += Self.fileSize(entry.path)
                    continue
                case .grew(let offset, let now):
                    resumeAt = offset
                    fingerprint = now
                case .new, .changed:
                    fingerprint = try? SourceFingerprint.full(path: entry.path)
                }
            }
            let reader: ArchiveReader
            do {
                reader = try ArchiveReader(path: entry.path, htmlContext: html, resumingAt: resumeAt)
            } catch let error as ArchiveError {
                if error.code == .notAnArchive, !entry.explicit {
                    summary.skippedFiles.append(ImportIssue(file: entry.path, code: .notMail, reason: error.reason))
                } else {
                    summary.failures.append(ImportIssue(error))
                }
                doneBytes += Self.fileSize(entry.path)
                continue
            }
            summary.files += 1
            summary.bytes += reader.fileSize - reader.resumedAt
            if reader.resumedAt > 0 { summary.resumedFiles += 1 }
            if let root = entry.root { rootsWithMail.insert(root) }
            let source = SourceRecord(path: realPath,
                                      format: reader.format.rawValue, compressed: reader.compressed, size: reader.fileSize)
            // What names the list when headers do not; standard input has no folder.
            let names = fromStandardInput ? ListNaming.Fallbacks() : ListNaming.fallbacks(of: entry.path, indexNames: &indexNames)

            var batch: [RawMessage] = []
            batch.reserveCapacity(Self.batchSize)
            var finished = false
            var readToEnd = true
            // The separator of the last message read: where a later import goes on if the file grows.
            var lastOffset = reader.resumedAt
            while !finished {
                do {
                    finished = try Self.fill(&batch, from: reader, maxBytes: options.maxBatchBytes)
                } catch let error as ArchiveError {
                    summary.failures.append(ImportIssue(error))
                    finished = true
                    readToEnd = false
                }
                if let last = batch.last { lastOffset = last.offset }
                if !batch.isEmpty {
                    let analyzed = analyze(batch, names: names, lanes: .forAnalysis(writerIsBottleneck: writer.isBottleneck))
                    writer.submit(analyzed, source: source, names: names)
                    batch.removeAll(keepingCapacity: true)
                }
                if let progress {
                    summary.merge(writer.counts)
                    let now = MonotonicClock.now() - start
                    if now - lastReport >= 0.2 || finished {
                        lastReport = now
                        progress(ImportProgress(messages: summary.messagesRead, bytesDone: doneBytes + reader.consumedFileBytes,
                                                bytesTotal: totalBytes, seconds: now, currentFile: entry.path))
                    }
                }
            }
            summary.skippedFiles += reader.skippedMembers.map {
                ImportIssue(file: entry.path, member: $0.name, code: .notMail, reason: $0.reason)
            }
            switch reader.htmlRole {
            case .index?: summary.indexPages += 1
            case .attachment?: summary.attachmentPages += 1
            default: break
            }
            if readToEnd, let fingerprint {
                let resumable = reader.format == .mbox && reader.compression == .none
                writer.record(StoredSourceFile(path: realPath, fingerprint: fingerprint, resumeOffset: resumable ? lastOffset : nil))
            }
            doneBytes += reader.fileSize
            logger.debug("imported file", metadata: ["path": "\(entry.path)"])
        }
        // A folder, or an index page, that gave no mail archive is a failure, not an empty success:
        // it held no file, or none of its own files was mail.
        let rootsWithEntries = Set(entries.compactMap(\.root))
        for container in containers {
            let noMail = rootsWithEntries.contains(container.path) && !rootsWithMail.contains(container.path)
            if !container.hasFiles || noMail {
                summary.failures.append(ImportIssue(file: container.path, code: ImportIssue.Code(.emptyDirectory),
                                                    reason: container.isFolder ? "holds no mail archive" : "an index page that links no mail archive"))
            }
        }
        try writer.finish()
        summary.merge(writer.counts)
        summary.threading = try ThreadingPass.run(on: store, useHeaders: !options.ignoreThreadHeaders)
        summary.mimeFacts = try MIMEFactsPass.run(on: store)
        if options.analyzesQuotes {
            summary.footers = try ListFooterPass.run(on: store)
            summary.quotes = try QuoteAttributionPass.run(on: store)
        }
        summary.automatedSenders = try AutomatedSenderPass.run(on: store)
        summary.topics = try TopicPass.run(on: store)
        if let applied = try (options.affiliations ?? AffiliationsFile(path: "")).apply(to: store, always: true) {
            summary.identities = applied.identities
            summary.organizations = applied.organizations
        }
        // The report tables follow: the months this import changed are rebuilt (the whole tables
        // on a first import), so the next report reads them at once.
        try store.refreshReportTables()
        summary.seconds = MonotonicClock.now() - start
        return summary
    }

    /// Parses and analyses a batch on `lanes` threads (all cores by default); results keep the
    /// batch's order. The quote step runs only for messages that are not copies of one read just
    /// before (``RecentCopies``): the writer skips those, and the quote step is most of the analysis.
    func analyze(_ batch: [RawMessage], names: ListNaming.Fallbacks = ListNaming.Fallbacks(),
                 lanes: ParallelLanes = .forAnalysis(writerIsBottleneck: false)) -> [AnalyzedMessage] {
        let parsed = ResultSlots<AnalyzedMessage>(count: batch.count)
        let analyzer = self.analyzer
        let list = options.list
        lanes.forEach(batch.count) { i in
            var a = analyzer.analyzeWithoutQuotes(batch[i])
            analyzer.undoRewrite(of: &a, listName: ListNaming.name(for: a.message, override: list, fallbacks: names)?.name)
            parsed.set(i, a)
        }
        var values = parsed.values()
        guard options.analyzesQuotes else { return values }
        let pending = values.indices.filter { options.replace || !recentCopies.isCopy(values[$0]) }
        let done = ResultSlots<AnalyzedMessage>(count: pending.count)
        let input = values
        let footers = self.footers, listOverride = list
        lanes.forEach(pending.count) { k in
            var a = input[pending[k]]
            let footer = footers.isEmpty ? nil : ListNaming.name(for: a.message, override: listOverride, fallbacks: names).flatMap { footers[$0.name] ?? nil }
            analyzer.analyzeQuotes(of: &a, footer: footer)
            done.set(k, a)
        }
        for (k, a) in zip(pending, done.values()) { values[k] = a }
        return values
    }

    // MARK: - Writing

    // MARK: - Helpers

    static func fileSize(_ path: String) -> Int64 {
        var st = stat()
        return stat(path, &st) == 0 ? Int64(st.st_size) : 0
    }
}
