extension Double {
    /// A share from 0 to 1 as reports print it, with one decimal: `0.3333` → `33.3%`.
    package var percent: String {
        let tenths = Int((self * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// `n` over `total` as a share (0 when `total` is 0).
    package static func share(_ n: Int, of total: Int) -> Double {
        total > 0 ? Double(n) / Double(total) : 0
    }
}
