/// Small text helpers shared by the ListLens modules (`package`: not public API), so no module needs
/// Foundation's NSString bridging for them, none defines its own copy, and none imports the mail
/// layer just to trim a string.
extension StringProtocol {
    /// Trims the given characters from both ends: `"  \"x\" ".trimmingCharacters(in: " \"")` → `x`.
    @inlinable
    package func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }

    /// Trims spaces and tabs at the end.
    @inlinable
    package func trimmingTrailingSpace() -> String {
        var s = Substring(self)
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }

    /// Every occurrence of `target` replaced.
    @inlinable
    package func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return String(self) }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
