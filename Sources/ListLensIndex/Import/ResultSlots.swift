/// Write-once result slots for a parallel loop: each index is written by exactly one iteration.
final class ResultSlots<T: Sendable>: @unchecked Sendable {
    // Safe because concurrentPerform gives each index to one iteration, and values() is read
    // only after concurrentPerform returns (which orders the writes before the read).
    private var slots: [T?]
    init(count: Int) { slots = [T?](repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) { slots.withUnsafeMutableBufferPointer { $0[i] = value } }
    func values() -> [T] { slots.map { $0! } }   // every slot was set by concurrentPerform
}
