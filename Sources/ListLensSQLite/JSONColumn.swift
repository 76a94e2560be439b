import Foundation

/// Minimal JSON text for the few JSON-array columns (tags, defects), and for ids bound to
/// `json_each(?)` (one parameter for any number of them).
enum JSONColumn {
    static func ids(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    static func array(_ strings: [String]) -> String {
        "[" + strings.map(string).joined(separator: ",") + "]"
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
