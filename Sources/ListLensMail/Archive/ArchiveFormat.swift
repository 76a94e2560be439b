/// The formats ListLens reads, as sniffed from the first bytes of a file (never from its name).
public enum ArchiveFormat: String, Sendable, Codable {
    /// Unix mbox: `From ` separator lines (mboxo, mboxrd, and pipermail's `.txt` months).
    case mbox
    /// A single RFC 5322 message (`.eml`, one file of a Maildir).
    case message
    /// A zip file whose members are mbox files or messages (a groups.io export).
    case zip
    /// An HTML page: a pipermail, hypermail or MHonArc message or index page, or a bare HTML mail body.
    case html

    /// Decides the format from the first bytes of the (decompressed) stream.
    ///
    /// - Returns: the format, or a short reason why the bytes are not mail.
    static func sniff(_ head: UnsafeRawBufferPointer) -> Result<ArchiveFormat, SniffFailure> {
        var i = 0
        // Some mbox writers leave blank lines before the first separator.
        while i < head.count, head[i] == .lf || head[i] == .cr { i += 1 }
        if i == head.count { return .failure(SniffFailure(reason: head.isEmpty ? "empty file" : "only blank lines")) }
        if head.count - i >= 5, head[i] == UInt8(ascii: "F"), head[i + 1] == UInt8(ascii: "r"),
           head[i + 2] == UInt8(ascii: "o"), head[i + 3] == UInt8(ascii: "m"), head[i + 4] == .space {
            return .success(.mbox)
        }
        if Self.startsWithHeaderField(head, from: i) { return .success(.message) }
        if Self.startsLikeHTML(head, from: i) { return .success(.html) }
        if head.count - i >= 2, head[i] == 0x1F, head[i + 1] == 0x8B { return .failure(SniffFailure(reason: "gzip inside gzip")) }
        return .failure(SniffFailure(reason: "no mbox separator or mail header at the start"))
    }

    /// True when the bytes at `start` form `field-name:` (RFC 5322 §3.6.8), as a message's first header does.
    static func startsWithHeaderField(_ head: UnsafeRawBufferPointer, from start: Int) -> Bool {
        var j = start
        while j < head.count, head[j].isFieldNameChar { j += 1 }
        // Allow the obsolete `name :` form (RFC 5322 §4.5.3).
        var k = j
        while k < head.count, head[k].isWSP { k += 1 }
        return j > start && j - start <= 76 && k < head.count && head[k] == .colon
    }

    /// `<html`, `<!DOCTYPE`, `<?xml`, `<!--`, `<div`, `<tt>`…: a tag first, after a UTF-8 BOM and white space.
    /// Tried after the header test: RFC 5322 lets a field name start with `<`, and `<x: y` is a header.
    static func startsLikeHTML(_ head: UnsafeRawBufferPointer, from start: Int) -> Bool {
        var j = start
        if head.count - j >= 3, head[j] == 0xEF, head[j + 1] == 0xBB, head[j + 2] == 0xBF { j += 3 }
        while j < head.count, head[j].isFWSByte { j += 1 }
        guard head.count - j >= 2, head[j] == UInt8(ascii: "<") else { return false }
        let c = head[j + 1]
        return c.isASCIIAlpha || c == UInt8(ascii: "!") || c == UInt8(ascii: "?")
    }

    struct SniffFailure: Error { var reason: String }
}
