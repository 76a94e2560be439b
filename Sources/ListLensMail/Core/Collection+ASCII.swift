extension Collection where Element == UInt8 {
    /// Case-insensitive ASCII comparison with a lowercase literal, without building a String.
    @inline(__always)
    func asciiCaseInsensitiveEquals(_ lowercase: StaticString) -> Bool {
        guard count == lowercase.utf8CodeUnitCount else { return false }
        return lowercase.withUTF8Buffer { lit in
            var i = 0
            for b in self {
                if b.asciiLowercased != lit[i] { return false }
                i += 1
            }
            return true
        }
    }
}
