/// Words in a text, as reports count what people wrote (`orgs`' authored words): maximal runs of
/// letters, combining marks and digits; each Chinese or Japanese character is a word of its own,
/// as those scripts write without spaces. Punctuation, spaces and symbols separate words.
///
/// `WordCount.of("It's 2 o'clock, déjà vu")` → 7 (`It`, `s`, `2`, `o`, `clock`, `déjà`, `vu`);
/// `WordCount.of("日本語の文")` → 5. One pass over the scalars, no allocation.
package enum WordCount {
    package static func of(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            if isCJK(scalar) {
                count += 1
                inWord = false
            } else if isWordScalar(scalar) {
                if !inWord { count += 1 }
                inWord = true
            } else {
                inWord = false
            }
        }
        return count
    }

    @inline(__always)
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Han ideographs, Hiragana and Katakana (full and half width).
    @inline(__always)
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        guard s.value >= 0x3040 else { return false }
        switch s.value {
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return true
        default: return s.properties.isIdeographic
        }
    }
}
