extension Int {
    /// Seconds as a table shows a wait: `40s`, `12m`, `3.5h`, `2.1d`.
    var durationText: String {
        let s = Double(self)
        switch self {
        case ..<60: return "\(self)s"
        case ..<3_600: return "\(self / 60)m"
        case ..<86_400: return Self.oneDecimal(s / 3_600) + "h"
        default: return Self.oneDecimal(s / 86_400) + "d"
        }
    }

    private static func oneDecimal(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
