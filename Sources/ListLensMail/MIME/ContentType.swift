import ListLensText

/// A parsed `Content-Type` or `Content-Disposition` value: `text/plain; charset="utf-8"; format=flowed`.
public struct ContentType: Sendable, Equatable {
    /// `type/subtype`, lowercased. For a disposition, just the disposition (`attachment`).
    public var value: String
    /// Parameters with lowercased names. RFC 2231 continuations (`name*0*=`) are joined and decoded.
    public var parameters: [String: String]

    public init(value: String, parameters: [String: String] = [:]) {
        self.value = value
        self.parameters = parameters
    }

    public var type: Substring { value.split(separator: "/").first ?? "" }
    public var isMultipart: Bool { value.hasPrefix("multipart/") }

    /// The default for parts without a Content-Type (RFC 2045 §5.2), and for `multipart/digest` children.
    public static let textPlain = ContentType(value: "text/plain")

    /// Parses an unfolded header value. Never fails: an unreadable type gives `text/plain`.
    public static func parse(_ raw: [UInt8]) -> ContentType {
        let text = HeaderBlock.decodeRaw(raw).text
        var pieces = splitParameters(text)
        let head = pieces.isEmpty ? "" : pieces.removeFirst().trimmingCharacters(in: " \t").lowercased()
        var params: [String: String] = [:]
        var continuations: [String: [(Int, String, Bool)]] = [:]
        for p in pieces {
            guard let eq = p.firstIndex(of: "=") else { continue }
            var name = String(p[..<eq]).trimmingCharacters(in: " \t").lowercased()
            var value = String(p[p.index(after: eq)...]).trimmingCharacters(in: " \t")
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast()).replacingBackslashEscapes()
            }
            // RFC 2231: name*=charset'lang'%XX, name*0=…, name*1*=…
            if let star = name.firstIndex(of: "*") {
                let base = String(name[..<star])
                let rest = name[name.index(after: star)...]
                let encoded = rest.hasSuffix("*") || rest.isEmpty
                let index = Int(String(rest).trimmingCharacters(in: "*")) ?? 0
                continuations[base, default: []].append((index, value, encoded))
                continue
            }
            name = name.trimmingCharacters(in: " \t")
            if params[name] == nil { params[name] = value }
        }
        for (name, parts) in continuations {
            let sorted = parts.sorted { $0.0 < $1.0 }
            var charset: String? = nil
            var bytes: [UInt8] = []
            for (i, part) in sorted.enumerated() {
                var v = part.1
                if part.2 {
                    if i == 0 {
                        let fields = v.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                        if fields.count == 3 { charset = String(fields[0]); v = String(fields[2]) }
                    }
                    bytes += percentDecode(v)
                } else {
                    bytes += Array(v.utf8)
                }
            }
            params[name] = Charset.decode(bytes[...], label: charset?.isEmpty == false ? charset : "utf-8").text
        }
        let valid = head.contains("/") || !head.isEmpty
        return ContentType(value: valid ? head : "text/plain", parameters: params)
    }

    /// Splits at `;` outside quoted strings.
    private static func splitParameters(_ s: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var inQuote = false
        var escaped = false
        for ch in s {
            if escaped { cur.append(ch); escaped = false; continue }
            if ch == "\\" && inQuote { cur.append(ch); escaped = true; continue }
            if ch == "\"" { inQuote.toggle() }
            if ch == ";" && !inQuote { out.append(cur); cur = ""; continue }
            cur.append(ch)
        }
        out.append(cur)
        return out
    }

    private static func percentDecode(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        let u = Array(s.utf8)
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "%"), i + 2 < u.count, let h = QuotedPrintable.hex(u[i + 1]), let l = QuotedPrintable.hex(u[i + 2]) {
                out.append(h << 4 | l); i += 3
            } else { out.append(u[i]); i += 1 }
        }
        return out
    }
}
