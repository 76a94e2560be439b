/// windows-1252, decoded in Swift: the fallback for undeclared or mislabelled 8-bit text, so it
/// runs often and is worth not going through iconv.
enum Windows1252 {
    /// Code points for bytes 0x80…0x9F. The five bytes windows-1252 leaves undefined map to the
    /// C1 control of the same value, as the WHATWG Encoding Standard does.
    static let high: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for b in bytes {
            let v: UInt32 = (0x80...0x9F).contains(b) ? high[Int(b) - 0x80] : UInt32(b)
            scalars.append(Unicode.Scalar(v)!)   // every value above is a valid scalar
        }
        return String(scalars)
    }
}
