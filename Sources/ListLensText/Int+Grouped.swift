extension Int {
    /// The number with thousands separators, as summaries and tables print it: `33291` → `33,291`.
    package var grouped: String {
        let digits = String(Swift.abs(self))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return self < 0 ? "-" + out : out
    }
}
