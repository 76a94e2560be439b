import Dispatch
import Foundation

/// How many threads analyse a batch: every core, or one core fewer while the import waits for the
/// writer.
///
/// The writer is serial. When it is what the import waits for (the last batch found it still busy
/// with the ones before), it is the critical path, and with as many analysis threads as cores it
/// shared a core with them and got about two thirds of it. When it keeps up (a re-import, where
/// nearly every message is a duplicate) the analysis is the critical path and takes every core.
/// On 2 cores, the 248 twisted-python months (medians of 3, interleaved, against every core always):
/// a first import 28.4 s instead of 32.8 s with the quote step, 15.9 s against 15.3 s without it,
/// a re-import 7.8 s against 7.8 s.
struct ParallelLanes: Sendable {
    /// Threads that run `body`: at least 1.
    let count: Int

    init(count: Int) { self.count = max(1, count) }

    /// The lanes for analysing a batch on `cores` cores.
    static func forAnalysis(writerIsBottleneck: Bool, cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> ParallelLanes {
        ParallelLanes(count: writerIsBottleneck ? cores - 1 : cores)
    }

    /// Runs `body` once for each index in `0..<iterations`, on ``count`` threads at once; returns when
    /// all have run. Each thread takes the next index when it is free, so one large message holds up
    /// one thread, not a share of the batch.
    func forEach(_ iterations: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard iterations > 0 else { return }
        let lanes = min(count, iterations)
        if lanes == 1 {
            for i in 0..<iterations { body(i) }
        } else if lanes >= ProcessInfo.processInfo.activeProcessorCount {
            DispatchQueue.concurrentPerform(iterations: iterations, execute: body)
        } else {
            let next = NextIndex()
            DispatchQueue.concurrentPerform(iterations: lanes) { _ in
                while let i = next.take(below: iterations) { body(i) }
            }
        }
    }

    /// The next index to run, shared by the lanes of one ``forEach(_:_:)``.
    private final class NextIndex: @unchecked Sendable {
        // `value` is read and written only under `lock`.
        private let lock = NSLock()
        private var value = 0

        func take(below end: Int) -> Int? {
            lock.withLock {
                guard value < end else { return nil }
                defer { value += 1 }
                return value
            }
        }
    }
}
