/// The obfuscation of the stat.ethz.ch list archives (R-help and friends):
/// `bbo|ker @end|ng |rom gm@||@com` for bbolker@gmail.com ("sending from").
///
/// It is lossy: `@` stands for one of `a`, `s` or `.`, and `|` for one of `i`, `l` or `f`. So the domain
/// is restored when it matches a well-known provider under those substitutions, else reduced to its
/// last two clean labels (`…@ethz@ch` → `ethz.ch`), which is what organization reports need. The local
/// part cannot be restored: it is kept as written, with `@` shown as `_`, so one person keeps one key.
enum EthzObfuscation {
    static let marker = Array(" @end|ng |rom ".utf8)

    /// Providers whose obfuscated form is tried first.
    static let knownDomains = [
        "gmail.com", "googlemail.com", "hotmail.com", "yahoo.com", "outlook.com", "live.com", "aol.com", "icloud.com",
        "gmx.de", "gmx.net", "web.de", "yahoo.co.uk", "hotmail.co.uk", "yahoo.fr", "hotmail.fr", "comcast.net",
        "protonmail.com", "mail.com", "me.com", "mac.com", "qq.com", "163.com",
    ]

    /// The value with every `local @end|ng |rom domain` rewritten as `local@domain`, or nil when the form is absent.
    static func undo(_ value: [UInt8]) -> [UInt8]? {
        guard let r = AddressParser.lastRange(of: marker, in: value) else { return nil }
        // The local part: back to the previous separator; the domain: on to the next one.
        var start = r.lowerBound
        while start > 0, !isSeparator(value[start - 1]) { start -= 1 }
        var end = r.upperBound
        while end < value.count, !isSeparator(value[end]) { end += 1 }
        let local = value[start..<r.lowerBound].map { $0 == UInt8(ascii: "@") ? UInt8(ascii: "_") : $0 }
        guard let domain = decodeDomain(Array(value[r.upperBound..<end])), !local.isEmpty else { return nil }
        return Array(value[..<start]) + local + [UInt8(ascii: "@")] + Array(domain.utf8) + Array(value[end...])
    }

    static func isSeparator(_ b: UInt8) -> Bool {
        b.isFWSByte || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "(") || b == UInt8(ascii: ")")
            || b == UInt8(ascii: ",") || b == UInt8(ascii: "\"")
    }

    static func decodeDomain(_ obfuscated: [UInt8]) -> String? {
        guard !obfuscated.isEmpty else { return nil }
        for candidate in knownDomains where matches(obfuscated, Array(candidate.utf8)) { return candidate }
        // The last two `@`-separated labels, when neither holds an ambiguous `|`: `@t@t@m@th@ethz@ch` → ethz.ch.
        let labels = obfuscated.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: true)
        guard labels.count >= 2 else { return nil }
        let tail = labels.suffix(2)
        guard tail.allSatisfy({ !$0.contains(UInt8(ascii: "|")) && !$0.isEmpty }) else { return nil }
        return tail.map { String(decoding: $0, as: UTF8.self).lowercased() }.joined(separator: ".")
    }

    /// Whether `plain` obfuscates to `obfuscated`: `@` for a, s or `.`; `|` for i, l or f; other bytes equal.
    static func matches(_ obfuscated: [UInt8], _ plain: [UInt8]) -> Bool {
        guard obfuscated.count == plain.count else { return false }
        for (o, p) in zip(obfuscated, plain) {
            switch o {
            case UInt8(ascii: "@"): guard p == UInt8(ascii: "a") || p == UInt8(ascii: "s") || p == UInt8(ascii: ".") else { return false }
            case UInt8(ascii: "|"): guard p == UInt8(ascii: "i") || p == UInt8(ascii: "l") || p == UInt8(ascii: "f") else { return false }
            default: guard o.asciiLowercased == p else { return false }
            }
        }
        return true
    }
}
