/// Quoted-printable (RFC 2045 §6.7) and the RFC 2047 "Q" encoding.
public enum QuotedPrintable {
    @inline(__always) static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 65...70: return c - 55
        case 97...102: return c - 87
        default: return nil
        }
    }

    /// Decodes a body: `=XX` escapes, soft line breaks (`=` at line end) removed. Malformed escapes stay as written.
    public static func decode(_ input: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var i = input.startIndex
        let end = input.endIndex
        while i < end {
            let c = input[i]
            if c == UInt8(ascii: "=") {
                // Soft line break: `=` then optional trailing whitespace, then (CR)LF.
                var j = i + 1
                while j < end, input[j].isWSP { j += 1 }
                if j < end, input[j] == .lf { i = j + 1; continue }
                if j + 1 < end, input[j] == .cr, input[j + 1] == .lf { i = j + 2; continue }
                if j == end { break }
                if i + 2 < end, let h = hex(input[i + 1]), let l = hex(input[i + 2]) {
                    out.append(h << 4 | l)
                    i += 3
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// Decodes RFC 2047 Q text: `_` is a space, `=XX` a byte.
    static func decodeHeaderQ(_ input: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var i = input.startIndex
        while i < input.endIndex {
            let c = input[i]
            if c == UInt8(ascii: "_") { out.append(.space); i += 1; continue }
            if c == UInt8(ascii: "="), i + 2 < input.endIndex, let h = hex(input[i + 1]), let l = hex(input[i + 2]) {
                out.append(h << 4 | l); i += 3; continue
            }
            out.append(c); i += 1
        }
        return out
    }
}
