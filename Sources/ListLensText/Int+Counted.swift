extension Int {
    /// The number, grouped, with its noun in the right number: `1.counted("message")` → `1 message`,
    /// `33291.counted("message")` → `33,291 messages`, `2.counted("index page")` → `2 index pages`.
    package func counted(_ noun: String, plural: String? = nil) -> String {
        "\(grouped) \(self == 1 ? noun : plural ?? noun + "s")"
    }
}
