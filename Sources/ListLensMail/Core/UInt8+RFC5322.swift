/// ASCII byte classes named after the grammar that defines them.
///
/// Parsing works on bytes, never on `Character`: grapheme breaking would merge CR LF and
/// change the meaning of invalid UTF-8, which archives are full of.
extension UInt8 {
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let colon = UInt8(ascii: ":")

    /// `WSP = SP / HTAB` (RFC 5234 B.1).
    @inline(__always) var isWSP: Bool { self == .space || self == .tab }

    /// Whitespace as RFC 5322 folding sees it: WSP, CR or LF.
    @inline(__always) var isFWSByte: Bool { self == .space || self == .tab || self == .cr || self == .lf }

    /// `ftext = %d33-57 / %d59-126`: any printable ASCII except the colon (RFC 5322 §3.6.8).
    @inline(__always) var isFieldNameChar: Bool { (33...126).contains(self) && self != .colon }

    /// ASCII letters, either case.
    @inline(__always) var isASCIIAlpha: Bool { (65...90).contains(self) || (97...122).contains(self) }

    /// ASCII digits.
    @inline(__always) var isASCIIDigit: Bool { (48...57).contains(self) }

    /// The byte lowercased if it is an ASCII capital letter.
    @inline(__always) var asciiLowercased: UInt8 { (65...90).contains(self) ? self | 0x20 : self }
}
