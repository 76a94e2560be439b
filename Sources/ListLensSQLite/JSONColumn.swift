import Foundation

/// Minimal JSON text for the few JSON-array columns (tags, defects, fingerprints).
enum JSONColumn {
    static func array(_ strings: [String]) -> String {
        "[" + strings.map(string).joined(separator: ",") + "]"
    }

    /// `[1,-2,3]`: what SQLite's `json_each` reads back as integers.
    static func integers(_ values: [Int64]) -> String {
        // Digits written into one buffer: a fingerprint has up to hundreds of 19-digit values, and a
        // String per value was 3% of the writer's profile samples (the writer is the import's one serial stage).
        var out: [UInt8] = [0x5B]
        out.reserveCapacity(values.count * 21 + 2)
        var digits = [UInt8](repeating: 0, count: 20)
        for (i, v) in values.enumerated() {
            if i > 0 { out.append(0x2C) }
            if v < 0 { out.append(0x2D) }
            var m = v.magnitude
            var n = 0
            repeat {
                digits[n] = 0x30 + UInt8(m % 10)
                m /= 10
                n += 1
            } while m > 0
            while n > 0 {
                n -= 1
                out.append(digits[n])
            }
        }
        out.append(0x5D)
        return String(decoding: out, as: UTF8.self)
    }

    static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    static func decodeArray(_ text: String?, using decoder: JSONDecoder) -> [String] {
        guard let text, let v = try? decoder.decode([String].self, from: Data(text.utf8)) else { return [] }
        return v
    }
}
