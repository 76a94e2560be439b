/// The header block of a message: fields in order, looked up by case-insensitive name.
public struct HeaderBlock: Sendable {
    public var fields: [HeaderField] = []

    public init(fields: [HeaderField] = []) { self.fields = fields }

    /// The first field with this name; `name` must be lowercase (`"message-id"`).
    public func first(_ name: String) -> HeaderField? {
        fields.first { $0.lowercasedName == name }
    }

    /// Every field with this name, in order; `name` must be lowercase.
    public func all(_ name: String) -> [HeaderField] {
        fields.filter { $0.lowercasedName == name }
    }

    /// Splits `bytes` into a header block and the index where the body starts.
    ///
    /// Never fails: a line that is neither a field nor a continuation ends the headers with
    /// ``MailDefect/missingHeaderBodySeparator`` (as Python's feedparser does), and becomes body.
    public static func parse(_ bytes: ArraySlice<UInt8>, limits: HeaderLimits = HeaderLimits(),
                             defects: inout [MailDefect]) -> (HeaderBlock, bodyStart: Int) {
        var block = HeaderBlock()
        var i = bytes.startIndex
        let end = bytes.endIndex
        var current: (name: String, start: Int)? = nil
        var fieldCountExceeded = false

        func close(_ upTo: Int) {
            guard let c = current else { return }
            var valueEnd = upTo
            if valueEnd - c.start > limits.maxFieldBytes {
                valueEnd = c.start + limits.maxFieldBytes
                defects.append(.headerFieldTooLong)
            }
            if block.fields.count < limits.maxFields {
                block.fields.append(HeaderField(name: c.name, lowercasedName: c.name.lowercased(), rawValue: bytes[c.start..<valueEnd]))
            } else if !fieldCountExceeded {
                fieldCountExceeded = true
                defects.append(.tooManyHeaderFields)
            }
            current = nil
        }

        while i < end {
            let lineEnd = bytes[i...].firstIndex(of: .lf).map { $0 + 1 } ?? end
            let first = bytes[i]
            if first == .lf || (first == .cr && i + 1 < end && bytes[i + 1] == .lf) {
                close(i)
                return (block, lineEnd)   // the empty line ends the headers
            }
            if first.isWSP {
                if current == nil {
                    if block.fields.isEmpty && !defects.contains(.firstHeaderLineIsContinuation) {
                        defects.append(.firstHeaderLineIsContinuation)
                    }
                }
                i = lineEnd
                continue
            }
            // `field-name ":"`, allowing the obsolete WSP before the colon.
            var j = i
            while j < lineEnd, bytes[j].isFieldNameChar { j += 1 }
            var k = j
            while k < lineEnd, bytes[k].isWSP { k += 1 }
            if j > i, k < lineEnd, bytes[k] == .colon {
                close(i)
                current = (String(decoding: bytes[i..<j], as: UTF8.self), k + 1)
                i = lineEnd
                continue
            }
            if block.fields.isEmpty && current == nil && bytes[i...].starts(with: "From ".utf8) {
                i = lineEnd   // a Unix From_ line left at the top of a single message
                continue
            }
            close(i)
            defects.append(.missingHeaderBodySeparator)
            return (block, i)
        }
        close(end)
        return (block, end)
    }

    /// Removes line folds: CR and LF bytes are dropped, the WSP after them kept (RFC 5322 §2.2.3).
    /// Leading and trailing whitespace is trimmed.
    static func unfold(_ raw: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        for b in raw where b != .cr && b != .lf { out.append(b) }
        var s = 0, e = out.count
        while s < e, out[s].isWSP { s += 1 }
        while e > s, out[e - 1].isWSP { e -= 1 }
        if s == 0 && e == out.count { return out }
        return Array(out[s..<e])
    }

    /// Decodes header bytes: ASCII and UTF-8 as they are, other 8-bit bytes as windows-1252.
    static func decodeRaw(_ bytes: [UInt8]) -> (text: String, nonASCII: Bool) {
        if bytes.allSatisfy({ $0 < 0x80 }) { return (String(decoding: bytes, as: UTF8.self), false) }
        if let s = String(validating: bytes, as: UTF8.self) { return (s, true) }
        return (Windows1252.decode(bytes[...]), true)
    }
}
