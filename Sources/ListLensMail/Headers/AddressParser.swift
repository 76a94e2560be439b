import ListLensText

/// Reads address lists (RFC 5322 §3.4) as mail really writes them.
///
/// Handles display names (quoted or not, RFC 2047-encoded), angle addresses, bare addr-specs with
/// a comment name (`user@host (Name)`), groups (`team: a@x, b@y;`), and pipermail's obfuscation
/// `user at host.tld (Name)`. Tokenizing is one left-to-right pass; comments nest by a counter, never by recursion.
public enum AddressParser {

    public struct Result: Sendable {
        public var mailboxes: [Mailbox] = []
        public var obfuscated = false
        public var invalidEncodedWord = false
        /// Set while reading one element: a name written before a bare address.
        var bareName: String?
    }

    private enum Token { case word([UInt8]), quoted([UInt8]), comment([UInt8]), angle([UInt8]), special(UInt8) }

    /// Parses an unfolded header value.
    public static func parse(_ value: [UInt8]) -> Result {
        var result = Result()
        var value = undoEntityObfuscation(value, &result)
        if let undone = EthzObfuscation.undo(value) {
            value = undone
            result.obfuscated = true
        }
        var element: [Token] = []
        for token in tokenize(value) {
            if case .special(let c) = token {
                if c == UInt8(ascii: ",") || c == UInt8(ascii: ";") {
                    if let m = mailbox(from: element, result: &result) { result.mailboxes.append(m) }
                    element = []
                    continue
                }
                if c == UInt8(ascii: ":"), !element.contains(where: { if case .angle = $0 { return true } else { return false } }) {
                    element = []   // a group's display name: its members follow
                    continue
                }
            }
            element.append(token)
        }
        if let m = mailbox(from: element, result: &result) { result.mailboxes.append(m) }
        return result
    }

    private static func tokenize(_ v: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        let n = v.count
        var word: [UInt8] = []
        func flush() { if !word.isEmpty { tokens.append(.word(word)); word = [] } }
        while i < n {
            let c = v[i]
            switch c {
            case UInt8(ascii: "\""):
                flush()
                var q: [UInt8] = []
                i += 1
                while i < n, v[i] != UInt8(ascii: "\"") {
                    if v[i] == UInt8(ascii: "\\"), i + 1 < n { i += 1 }
                    q.append(v[i]); i += 1
                }
                tokens.append(.quoted(q))
                i += 1
            case UInt8(ascii: "("):
                flush()
                var depth = 1
                var text: [UInt8] = []
                i += 1
                while i < n, depth > 0 {
                    let d = v[i]
                    if d == UInt8(ascii: "\\"), i + 1 < n { text.append(v[i + 1]); i += 2; continue }
                    if d == UInt8(ascii: "("), depth < HeaderLimits.maxCommentDepth { depth += 1 }
                    if d == UInt8(ascii: ")") { depth -= 1; if depth == 0 { break } }
                    text.append(d); i += 1
                }
                tokens.append(.comment(text))
                i += 1
            case UInt8(ascii: "<"):
                flush()
                var a: [UInt8] = []
                i += 1
                while i < n, v[i] != UInt8(ascii: ">") { if !v[i].isFWSByte { a.append(v[i]) }; i += 1 }
                tokens.append(.angle(a))
                i += 1
            case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"):
                flush(); tokens.append(.special(c)); i += 1
            case _ where c.isFWSByte:
                flush(); i += 1
            default:
                word.append(c); i += 1
            }
        }
        flush()
        return tokens
    }

    private static func mailbox(from tokens: [Token], result: inout Result) -> Mailbox? {
        guard !tokens.isEmpty else { return nil }
        var nameParts: [String] = []
        var words: [[UInt8]] = []
        var angle: [UInt8]? = nil
        var comments: [[UInt8]] = []
        for t in tokens {
            switch t {
            case .word(let w):
                if angle == nil { words.append(w) } else { nameParts.append(decodePhrase(w, &result)) }
            case .quoted(let q): if angle == nil { words.append(q) }; nameParts.append(decodePhrase(q, &result))
            case .comment(let c): comments.append(c)
            case .angle(let a): if angle == nil { angle = a }
            case .special(let s): words.append([s])
            }
        }
        var address: String
        var name: String?
        if let angle {
            // Everything before the angle address is the display name.
            name = displayName(tokens: tokens, result: &result)
            address = String(decoding: angle, as: UTF8.self)
            if angle.isEmpty, let addr = addressFromWords(words, &result) { address = addr }
        } else {
            guard let addr = addressFromWords(words, &result) else {
                // Only a name, or garbage: keep it as a name-less "address" so it is not lost.
                let text = words.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
                guard !text.isEmpty else { return nil }
                return Mailbox(name: nil, address: text)
            }
            address = addr
            if let c = comments.first { name = decodePhrase(c, &result) }
            if name == nil, let bare = result.bareName, !bare.isEmpty { name = bare }
            result.bareName = nil
        }
        if let n = name.map(unquoteName), !n.isEmpty { name = n } else { name = nil }
        if name == nil, let c = comments.first, angle != nil {
            let n = decodePhrase(c, &result).trimmingCharacters(in: " \t")
            if !n.isEmpty { name = n }
        }
        let normalized = normalizeAddress(address)
        // Pipermail writes `user at host (user at host)` when the sender gave no name; a "name" that
        // is only the address (in either form) is no name.
        if let n = name, n.lowercased() == normalized.lowercased()
            || n.lowercased().replacingOccurrences(of: " at ", with: "@") == normalized.lowercased() {
            name = nil
        }
        return Mailbox(name: name, address: normalized)
    }

    private static func displayName(tokens: [Token], result: inout Result) -> String? {
        var parts: [String] = []
        for t in tokens {
            switch t {
            case .angle: return parts.isEmpty ? nil : parts.joined(separator: " ")
            case .word(let w): parts.append(decodePhrase(w, &result))
            case .quoted(let q): parts.append(decodePhrase(q, &result))
            case .special(let s): parts.append(String(decoding: [s], as: UTF8.self))
            case .comment: continue
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// Joins the words of a bare addr-spec; undoes `user at host.tld`.
    private static func addressFromWords(_ words: [[UInt8]], _ result: inout Result) -> String? {
        guard !words.isEmpty else { return nil }
        // Pipermail writes `user at host.tld`: three words with a literal "at" in the middle.
        if words.count == 3, words[1] == Array("at".utf8), !words[0].contains(UInt8(ascii: "@")),
           words[2].contains(UInt8(ascii: ".")) {
            result.obfuscated = true
            return String(decoding: words[0] + [UInt8(ascii: "@")] + words[2], as: UTF8.self)
        }
        // `Glyph Lefkowitz glyph@divunal.com` (pipermail 1999, no angle brackets): the word with the `@`
        // is the address; the words before it are the name (taken by the caller from `bareName`).
        if words.count > 1, let at = words.lastIndex(where: { $0.contains(UInt8(ascii: "@")) }),
           words[at].first != UInt8(ascii: "@"), words[at].last != UInt8(ascii: "@"),
           !words.contains(where: { $0.count == 1 && [UInt8(ascii: "."), UInt8(ascii: "@")].contains($0[0]) }) {
            result.bareName = words[..<at].map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
            return String(decoding: words[at], as: UTF8.self)
        }
        // `user_at_host.tld`: some archives (and spam-shy posters) write the @ as `_at_`.
        if words.count == 1, !words[0].contains(UInt8(ascii: "@")), let r = lastRange(of: Array("_at_".utf8), in: words[0]),
           r.lowerBound > 0, words[0][r.upperBound...].contains(UInt8(ascii: ".")) {
            result.obfuscated = true
            return String(decoding: Array(words[0][..<r.lowerBound]) + [UInt8(ascii: "@")] + Array(words[0][r.upperBound...]), as: UTF8.self)
        }
        let joined = words.joined()
        guard joined.contains(UInt8(ascii: "@")) else { return nil }
        return String(decoding: Array(joined), as: UTF8.self)
    }

    private static func decodePhrase(_ bytes: [UInt8], _ result: inout Result) -> String {
        let decoded = EncodedWord.decode(bytes)
        if decoded.defect != nil { result.invalidEncodedWord = true }
        return decoded.text
    }

    /// HTML archives write the @ as an entity: `&#64;`, `&#x40;`, `&commat;`.
    static func undoEntityObfuscation(_ value: [UInt8], _ result: inout Result) -> [UInt8] {
        guard value.contains(UInt8(ascii: "&")) else { return value }
        var out = value
        for entity in ["&#64;", "&#x40;", "&#X40;", "&commat;"] {
            let e = Array(entity.utf8)
            while let r = lastRange(of: e, in: out) {
                out.replaceSubrange(r, with: [UInt8(ascii: "@")])
                result.obfuscated = true
            }
        }
        return out
    }

    static func lastRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard needle.count <= haystack.count else { return nil }
        var i = haystack.count - needle.count
        while i >= 0 {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i..<(i + needle.count) }
            i -= 1
        }
        return nil
    }

    /// Trims whitespace and one pair of surrounding quotes; an apostrophe that ends a name (`Buddingh'`) stays.
    static func unquoteName(_ name: String) -> String {
        var n = name.trimmingCharacters(in: " \t")
        while n.count >= 2, let f = n.first, let l = n.last, (f == "\"" && l == "\"") || (f == "'" && l == "'") {
            n = String(n.dropFirst().dropLast()).trimmingCharacters(in: " \t")
        }
        if n.hasPrefix("\""), !n.dropFirst().contains("\"") { n.removeFirst() }   // an unbalanced opening quote
        if n.hasSuffix("\""), !n.dropLast().contains("\"") { n.removeLast() }
        return n
    }

    /// Lowercases the domain; keeps the local part as written (RFC 5321 §2.4 lets it be case-sensitive).
    static func normalizeAddress(_ address: String) -> String {
        var a = address
        if a.hasPrefix("mailto:") { a.removeFirst(7) }
        guard let at = a.lastIndex(of: "@") else { return a }
        return String(a[..<at]) + "@" + a[a.index(after: at)...].lowercased()
    }
}
