import Dispatch
import Foundation

/// How many threads analyse a batch: every core while the writer is idle, one core fewer while it
/// writes.
///
/// The writer is serial, so while it works it is the import's critical path. With as many analysis
/// threads as cores it shared a core with them and got about two thirds of it: on 2 cores the
/// quote step's analysis slowed the writer, and the 248 twisted-python months spent 17–19 s in the
/// import phase instead of 14–17 s (`python3 scripts/benchmark_quotes.py`, interleaved runs).
/// Leaving the writer its core keeps it busy; while it is idle (the first batch, a run of
/// duplicates) the analysis takes every core.
struct ParallelLanes: Sendable {
    /// Threads that run `body`: at least 1.
    let count: Int

    init(count: Int) { self.count = max(1, count) }

    /// The lanes for analysing while the writer is `writerBusy`, on `cores` cores.
    static func forAnalysis(writerBusy: Bool, cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> ParallelLanes {
        ParallelLanes(count: writerBusy ? cores - 1 : cores)
    }

    /// Runs `body` once for each index in `0..<iterations`, on ``count`` threads at once; returns when all have run.
    /// Lane k takes the indices k, k + count, k + 2·count …: neighbours (often alike in size) spread over the lanes.
    func forEach(_ iterations: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard iterations > 0 else { return }
        let lanes = min(count, iterations)
        if lanes == 1 {
            for i in 0..<iterations { body(i) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            var i = lane
            while i < iterations {
                body(i)
                i += lanes
            }
        }
    }
}
