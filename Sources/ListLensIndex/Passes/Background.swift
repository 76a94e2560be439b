import Dispatch

/// A value computed on a queue while the caller goes on: ``value()`` waits for it, and rethrows
/// what computing it threw. The passes use it to read the next batch, or store the last one,
/// while they work on the current one.
final class Background<T: Sendable>: @unchecked Sendable {
    // Safe because `result` is written once, on the queue, before `done` is signalled, and read
    // only after a wait on `done` (which orders the write before the read).
    private var result: Result<T, any Error>?
    private let done = DispatchSemaphore(value: 0)

    init(on queue: DispatchQueue, _ work: @escaping @Sendable () throws -> T) {
        queue.async { [self] in
            result = Result(catching: work)
            done.signal()
        }
    }

    /// The value, once computed; later calls return at once.
    func value() throws -> T {
        done.wait()
        done.signal()
        guard let result else { preconditionFailure("a background value was signalled before it was set") }
        return try result.get()
    }
}
