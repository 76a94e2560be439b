import Dispatch
import ListLensAnalysis

/// Looks quoted texts up among the own texts of the messages sent shortly before them: one sweep
/// of the store in date order, each message looked up in the texts whose span holds it (``ShingleWindow``).
///
/// Both quote passes use it: the threading pass for the replies whose headers name no parent, the
/// attribution pass for the quotes deeper than their thread. Only the dates the looked-up texts
/// need are read (each text's span, merged where spans overlap: ``DateStretches``), so a run over a
/// few replies reads a few months, and the first import reads the archive once a pass. Nothing is stored: the own texts'
/// shingles are computed from the stored texts as the sweep reads them, so they always follow the
/// texts (a learned footer that rewrites a text rewrites what the sweep sees).
public enum OwnTextSweep {
    /// How long before a text its source may have been sent: on twisted-python 99.7% of the
    /// replies that quote their parent were sent within 90 days of it.
    public static let span: Int64 = 90 * 86_400
    /// How long after a text its source may have been sent (clocks are wrong; the callers apply
    /// their own, tighter, bounds).
    public static let slack: Int64 = 86_400
    /// Messages read and fingerprinted at once.
    static let pageSize = 1_000
    /// Most texts waiting in the window at once (``ShingleWindow/maxWaiting``).
    public static let maxWaiting = 200_000

    /// A text to look up: its date (nil: undated, compared with the undated messages only) and its
    /// sampled shingles in text order.
    struct Probe: Sendable {
        var date: Int64?
        var shingles: [Int64]
    }

    typealias Match = ShingleWindow<SweptMessage.Standing>.Match

    /// What a sweep read.
    struct Report: Sendable, Equatable {
        var read = 0
        /// Texts answered before the sweep passed their span, because of ``maxWaiting``.
        var cut = 0
    }

    /// Calls `answer` once for each probe with shingles, with the messages sent from ``span``
    /// before it to ``slack`` after it (undated probes: the undated messages) that share sampled
    /// shingles with it; shingles held by more than `maxHolders` of those messages count for nothing.
    static func run(_ probes: [Probe], store: some OwnTextStore, maxHolders: Int, maxWaiting: Int = maxWaiting,
                    answer: (_ probe: Int, _ matches: [Match]) throws -> Void) throws -> Report {
        var report = Report()
        var dated: [(date: Int64, probe: Int)] = []
        var undated: [Int] = []
        for (i, p) in probes.enumerated() where !p.shingles.isEmpty {
            if let d = p.date { dated.append((d, i)) } else { undated.append(i) }
        }
        dated.sort { ($0.date, $0.probe) < ($1.date, $1.probe) }
        // The probes whose spans overlap form one stretch of dates, read once.
        for stretch in DateStretches.of(dated.map(\.date), before: span, after: slack) {
            try sweep(Array(dated[stretch.members]), dates: stretch.dates, probes: probes, store: store,
                      maxHolders: maxHolders, maxWaiting: maxWaiting, report: &report, answer: answer)
        }
        if !undated.isEmpty {
            try sweep(undated.map { (0, $0) }, dates: nil, probes: probes, store: store, maxHolders: maxHolders, maxWaiting: maxWaiting,
                      report: &report, answer: answer)
        }
        return report
    }

    private static func sweep(_ group: [(date: Int64, probe: Int)], dates: ClosedRange<Int64>?, probes: [Probe], store: some OwnTextStore,
                              maxHolders: Int, maxWaiting: Int, report: inout Report, answer: (Int, [Match]) throws -> Void) throws {
        let quotes = group.map { d, p in
            ShingleWindow<SweptMessage.Standing>.Quote(sent: dates == nil ? Int64.min...Int64.max : DateStretches.span(of: d, before: span, after: slack),
                                                       shingles: probes[p].shingles)
        }
        var window = ShingleWindow<SweptMessage.Standing>(quotes: quotes, maxHolders: maxHolders, maxWaiting: maxWaiting)
        // The next page is read while this one is fingerprinted and passed: the store's reader
        // works beside the cores, and at most two pages are held at once.
        let reading = DispatchQueue(label: "listlens.sweep.read")
        func read(after cursor: SweptMessage?) -> Background<[SweptMessage]> {
            Background(on: reading) { try store.ownTexts(sent: dates, after: cursor, limit: pageSize) }
        }
        var next: Background<[SweptMessage]>? = read(after: nil)
        // On an error, waits for the read under way: nothing of the sweep goes on after it.
        defer { _ = try? next?.value() }
        while let pending = next {
            let page = try pending.value()
            next = page.count == pageSize ? read(after: page.last) : nil
            let shingles = ResultSlots<[Int64]>(count: page.count)
            DispatchQueue.concurrentPerform(iterations: page.count) { i in
                shingles.set(i, Shingles.sampled(page[i].message.ownText))
            }
            for (m, s) in zip(page, shingles.values()) {
                for (q, matches) in window.pass(m.standing, date: m.date ?? 0, shingles: s) { try answer(group[q].probe, matches) }
            }
            report.read += page.count
        }
        for (q, matches) in window.finish() { try answer(group[q].probe, matches) }
        report.cut += window.cut
    }
}
