/// Decodes RFC 2047 encoded words (`=?charset?B|Q?text?=`) in an unstructured header value.
///
/// Adjacent encoded words separated only by whitespace are joined, and their bytes are decoded
/// together when they share a charset, so a multi-byte character split across two words survives.
/// - SeeAlso: [RFC 2047](https://www.rfc-editor.org/rfc/rfc2047)
public enum EncodedWord {

    private enum Piece { case text([UInt8]), encoded(charset: String, bytes: [UInt8]) }

    /// Decoded text, and ``MailDefect/invalidEncodedWord`` when a word looked encoded but could not
    /// be decoded (it is then kept as written).
    public struct Decoded: Sendable, Equatable {
        public var text: String
        public var defect: MailDefect?
    }

    /// Decodes `value`: `=?utf-8?q?caf=C3=A9?=` → `café`.
    public static func decode(_ value: [UInt8]) -> Decoded {
        guard value.count >= 8, containsMarker(value) else { return Decoded(text: HeaderBlock.decodeRaw(value).text, defect: nil) }
        var failed = false
        var pieces: [Piece] = []
        var literal: [UInt8] = []
        var i = 0
        let n = value.count
        while i < n {
            if value[i] == UInt8(ascii: "="), i + 1 < n, value[i + 1] == UInt8(ascii: "?"),
               let (piece, next) = parseWord(value, at: i) {
                if !literal.isEmpty {
                    // Whitespace between two encoded words is dropped (RFC 2047 §6.2).
                    let onlySpace = literal.allSatisfy { $0.isWSP }
                    if !(onlySpace && pieces.last.map(isEncoded) == true) { pieces.append(.text(literal)) }
                    literal = []
                }
                if case .encoded(let cs, let b) = piece, case .encoded(let lastCS, let lastBytes)? = pieces.last,
                   lastCS == cs {
                    pieces[pieces.count - 1] = .encoded(charset: cs, bytes: lastBytes + b)
                } else {
                    pieces.append(piece)
                }
                i = next
                continue
            }
            if value[i] == UInt8(ascii: "="), i + 1 < n, value[i + 1] == UInt8(ascii: "?") { failed = true }
            literal.append(value[i])
            i += 1
        }
        if !literal.isEmpty { pieces.append(.text(literal)) }
        var out = ""
        for p in pieces {
            switch p {
            case .text(let t): out += HeaderBlock.decodeRaw(t).text
            case .encoded(let cs, let b):
                let decoded = Charset.decode(b[...], label: cs)
                if decoded.defect != nil && decoded.defect != .undeclaredCharset { failed = true }
                out += decoded.text
            }
        }
        return Decoded(text: out, defect: failed ? .invalidEncodedWord : nil)
    }

    private static func isEncoded(_ p: Piece) -> Bool { if case .encoded = p { return true } else { return false } }

    private static func containsMarker(_ v: [UInt8]) -> Bool {
        var i = 0
        while i + 1 < v.count {
            if v[i] == UInt8(ascii: "="), v[i + 1] == UInt8(ascii: "?") { return true }
            i += 1
        }
        return false
    }

    /// Parses one encoded word starting at `start` (`=?`); returns the piece and the index after `?=`.
    private static func parseWord(_ v: [UInt8], at start: Int) -> (Piece, Int)? {
        let n = v.count
        var i = start + 2
        let csStart = i
        while i < n, v[i] != UInt8(ascii: "?"), !v[i].isWSP, i - start < HeaderLimits.maxCharsetNameLength { i += 1 }
        guard i < n, v[i] == UInt8(ascii: "?"), i > csStart else { return nil }
        var charset = String(decoding: v[csStart..<i], as: UTF8.self)
        if let star = charset.firstIndex(of: "*") { charset = String(charset[..<star]) }   // RFC 2231 language
        i += 1
        guard i + 1 < n, v[i + 1] == UInt8(ascii: "?") else { return nil }
        let enc = v[i].asciiLowercased
        guard enc == UInt8(ascii: "b") || enc == UInt8(ascii: "q") else { return nil }
        i += 2
        let textStart = i
        // The text ends at the first `?=`. Some clients put spaces inside Q text; accept them.
        while i + 1 < n, !(v[i] == UInt8(ascii: "?") && v[i + 1] == UInt8(ascii: "=")) {
            if i - start > HeaderLimits.maxEncodedWordBytes { return nil }
            i += 1
        }
        guard i + 1 < n else { return nil }
        let text = v[textStart..<i]
        let bytes: [UInt8]
        if enc == UInt8(ascii: "b") {
            let decoded = Base64.decode(text)   // stray characters are skipped, as in bodies
            // A word whose base64 yields nothing at all is no encoded word: it stays as written.
            if decoded.defect != nil && decoded.bytes.isEmpty && !text.isEmpty { return nil }
            bytes = decoded.bytes
        } else {
            bytes = QuotedPrintable.decodeHeaderQ(text)
        }
        return (.encoded(charset: charset, bytes: bytes), i + 2)
    }
}
