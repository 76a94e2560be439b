extension String {
    /// The string safe to print on a terminal: control characters that a terminal would act on
    /// (C0 but tab, DEL, C1: escape sequences, bells, carriage returns) become visible symbols.
    /// Mail content (subjects, names, bodies, zip member names) can hold any of them.
    ///
    /// `"a\u{1B}[2Jb"` → `"a␛[2Jb"`; `"x\ry"` → `"x␍y"`.
    var printable: String {
        guard unicodeScalars.contains(where: Self.isControl) else { return self }
        var out = String.UnicodeScalarView()
        for u in unicodeScalars {
            switch u.value {
            case 0x09: out.append(u)
            case 0x00...0x1F: out.append(Unicode.Scalar(0x2400 + u.value)!)   // the Control Pictures block: ␀ … ␟
            case 0x7F: out.append("\u{2421}")                                  // ␡
            case 0x80...0x9F: out.append("\u{FFFD}")
            default: out.append(u)
            }
        }
        return String(out)
    }

    private static func isControl(_ u: Unicode.Scalar) -> Bool {
        (u.value < 0x20 && u.value != 0x09) || (u.value >= 0x7F && u.value <= 0x9F)
    }
}
