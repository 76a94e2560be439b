/// Lenient base64 (RFC 2045 §6.8): whitespace and stray characters are skipped, bad padding tolerated.
public enum Base64 {
    private static let table: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() { t[Int(c)] = UInt8(i) }
        return t
    }()

    /// Decoded bytes, and ``MailDefect/invalidBase64`` when characters outside the alphabet or bad
    /// padding were skipped.
    public struct Decoded: Sendable, Equatable {
        public var bytes: [UInt8]
        public var defect: MailDefect?
    }

    /// Decodes `input`: `"aGVsbG8="` → `hello`; `"aGVsbG8=!"` → `hello` with ``MailDefect/invalidBase64``.
    public static func decode<C: Collection>(_ input: C) -> Decoded where C.Element == UInt8 {
        var invalid = false
        var out: [UInt8] = []
        out.reserveCapacity(input.count * 3 / 4)
        var acc: UInt32 = 0
        var bits = 0
        var sawPad = false
        for c in input {
            if c == UInt8(ascii: "=") { sawPad = true; continue }
            let v = table[Int(c)]
            if v == 0xFF {
                if !c.isFWSByte { invalid = true }
                continue
            }
            if sawPad { invalid = true; sawPad = false }   // data after padding: a second, concatenated stream
            acc = (acc << 6) | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((acc >> UInt32(bits)) & 0xFF))
            }
        }
        if bits >= 6 { invalid = true }   // a lone trailing character cannot make a byte
        return Decoded(bytes: out, defect: invalid ? .invalidBase64 : nil)
    }
}
