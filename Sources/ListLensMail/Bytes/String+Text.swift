/// Small text helpers shared by the ListLens modules (`package`: not public API), so no module needs
/// Foundation's NSString bridging for them and none defines its own copy.
extension StringProtocol {
    /// Trims the given characters from both ends: `"  \"x\" ".trimmingCharacters(in: " \"")` → `x`.
    package func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }

    /// Trims spaces and tabs at the end.
    package func trimmingTrailingSpace() -> String {
        var s = Substring(self)
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }

    /// Every occurrence of `target` replaced.
    package func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return String(self) }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
