/// Write-once result slots for a parallel loop: each index is written by exactly one iteration.
///
/// The slots are raw memory, never an Array: `Array.withUnsafeMutableBufferPointer` moves the
/// array's storage out while its closure runs, so two iterations writing at once raced, and one
/// write could land in storage that was then swapped away (an import crashed on a nil slot).
final class ResultSlots<T: Sendable>: @unchecked Sendable {
    // Safe because concurrentPerform gives each index to one iteration, each iteration writes only
    // its own slot, and values() is read only after concurrentPerform returns (which orders the
    // writes before the read).
    private let base: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: nil, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func set(_ i: Int, _ value: T) {
        precondition(i >= 0 && i < count, "slot \(i) of \(count)")
        base[i] = value
    }

    /// Every slot's value, in index order.
    func values() -> [T] {
        (0..<count).map { i in
            guard let v = base[i] else { preconditionFailure("slot \(i) was never set") }   // every index ran
            return v
        }
    }
}
