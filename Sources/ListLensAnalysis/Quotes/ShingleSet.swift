/// A set of shingle hashes (``Shingles``), built once and probed many times by the quote passes.
///
/// The hashes are already well mixed, so they need no hashing of their own: open addressing with
/// linear probing, slots chosen by Fibonacci hashing of the value. `Set<UInt64>` hashes each value
/// with seeded SipHash, which made building and probing these sets most of the passes' matching time.
public struct ShingleSet: Sendable {
    /// Slots; 0 is an empty one (a shingle of 0 is kept in ``holdsZero``).
    private var slots: [UInt64]
    private var shift: UInt64
    private var holdsZero = false
    public private(set) var count = 0

    /// An empty set holding up to `minimumCapacity` values before it grows.
    public init(minimumCapacity: Int = 0) {
        var size = 8
        while size < minimumCapacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    public init(_ values: [UInt64]) {
        self.init(minimumCapacity: values.count)
        for v in values { insert(v) }
    }

    @inline(__always)
    private func slot(_ value: UInt64) -> Int { Int(truncatingIfNeeded: (value &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    public func contains(_ value: UInt64) -> Bool {
        if value == 0 { return holdsZero }
        let mask = slots.count - 1
        var i = slot(value)
        while true {
            let s = slots[i]
            if s == value { return true }
            if s == 0 { return false }
            i = (i + 1) & mask
        }
    }

    /// Adds `value`; true when it was not held before.
    @discardableResult
    public mutating func insert(_ value: UInt64) -> Bool {
        if value == 0 {
            defer { holdsZero = true }
            if !holdsZero { count += 1 }
            return !holdsZero
        }
        if (count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var i = slot(value)
        while true {
            let s = slots[i]
            if s == value { return false }
            if s == 0 {
                slots[i] = value
                count += 1
                return true
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        shift -= 1
        let mask = slots.count - 1
        for v in old where v != 0 {
            var i = slot(v)
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = v
        }
    }
}
