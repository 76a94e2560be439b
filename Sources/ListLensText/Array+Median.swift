extension Array where Element == Int64 {
    /// The middle value once sorted; for an even count, the mean of the two middle ones, rounded
    /// down. Nil when empty. `[5, 1, 3].median` → 3; `[1, 2, 3, 10].median` → 2.
    package var median: Int64? {
        guard !isEmpty else { return nil }
        let sorted = self.sorted()
        let mid = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[mid] }
        // Halves first: the sum of two large values cannot overflow.
        let a = sorted[mid - 1], b = sorted[mid]
        return a / 2 + b / 2 + ((a % 2 + b % 2) / 2)
    }
}
