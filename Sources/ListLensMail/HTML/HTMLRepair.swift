#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level repairs made before libxml2 sees an HTML document, in one forward pass.
///
/// These are not a tag-soup parser: they only undo damage that makes libxml2 build the wrong tree.
/// - A non-breaking space (UTF-8 `C2 A0`) inside a tag becomes a plain space. Mail copied
///   through a web archive turns every space into NBSP, the ones inside tags too
///   (`<p class="MsoNormal">` with an NBSP after `p`). libxml2 then reads `\u{A0}class` as
///   the attribute name, and Word's paragraph classes are lost.
/// - A tag longer than ``maxTagBytes`` is cut there (its end `>` kept).
/// - Word's downlevel-revealed markers `<![if …]>` and `<![endif]>` are removed, keeping what
///   they enclose. libxml2 would otherwise show them as text (TOOLCHAIN.md §1, pitfall 7).
///   `<![endif]-->` closes an ordinary comment and stays.
///
/// Comments are copied untouched. The pass never looks back and allocates one output buffer.
enum HTMLRepair {
    /// Longest downlevel marker looked for (`<![if !supportLineBreakNewLine]>` is 33 bytes).
    static let maxMarkerLength = 200
    /// Longest tag kept whole (bytes); the rest of a longer tag is cut. Word's longest tags are a few
    /// hundred bytes; thousands of attributes would make libxml2's duplicate check quadratic.
    static let maxTagBytes = 16 << 10

    static func repair(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var changed = false
        let n = bytes.count
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            var copied = 0   // bytes[..<copied] are in `out` (only once something changed)
            func cut(_ from: Int, _ to: Int, replacement: UInt8?) {
                if !changed { out.reserveCapacity(n); changed = true }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<from]))
                if let r = replacement { out.append(r) }
                copied = to
            }
            var i = 0
            while i < n {
                // The next `<`, by memchr.
                guard let p = memchr(base + i, Int32(UInt8(ascii: "<")), n - i) else { break }
                i = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
                guard i + 1 < n else { break }
                let next = b[i + 1]
                if next == UInt8(ascii: "!") {
                    if i + 3 < n, b[i + 2] == UInt8(ascii: "-"), b[i + 3] == UInt8(ascii: "-") {
                        i = find(b, "-->", from: i + 4).map { $0 + 3 } ?? n   // a comment: left as it is
                        continue
                    }
                    if i + 2 < n, b[i + 2] == UInt8(ascii: "["), isDownlevelMarker(b, at: i + 3) {
                        let limit = min(n, i + maxMarkerLength)
                        if let close = b[(i + 3)..<limit].firstIndex(of: UInt8(ascii: ">")), b[close - 1] == UInt8(ascii: "]") {
                            cut(i, close + 1, replacement: nil)
                            i = close + 1
                            continue
                        }
                    }
                }
                guard next.isASCIIAlpha || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") else { i += 1; continue }
                // A tag, to its `>`: NBSP becomes a space (an unclosed tag ends where the next `<` starts).
                let tagStart = i
                i += 1
                while i < n {
                    let c = b[i]
                    if c == UInt8(ascii: ">") || c == UInt8(ascii: "<") { break }
                    if c == 0xC2, i + 1 < n, b[i + 1] == 0xA0 { cut(i, i + 2, replacement: 0x20); i += 2; continue }
                    if i - tagStart >= maxTagBytes {
                        // libxml2 compares each attribute with every earlier one: a huge tag costs its square.
                        var end = i
                        while end < n, b[end] != UInt8(ascii: ">"), b[end] != UInt8(ascii: "<") { end += 1 }
                        cut(i, end, replacement: nil)
                        i = end
                        break
                    }
                    i += 1
                }
            }
            if changed { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<n])) }
        }
        return changed ? out : bytes
    }

    private static func isDownlevelMarker(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        starts(b, "if", at: i) || starts(b, "endif", at: i)
    }

    private static func starts(_ b: UnsafeBufferPointer<UInt8>, _ s: StaticString, at i: Int) -> Bool {
        let k = s.utf8CodeUnitCount
        guard i + k <= b.count else { return false }
        return s.withUTF8Buffer { p in (0..<k).allSatisfy { b[i + $0] == p[$0] } }
    }

    static func find(_ b: UnsafeBufferPointer<UInt8>, _ s: StaticString, from: Int) -> Int? {
        let k = s.utf8CodeUnitCount
        guard k > 0, b.count >= k else { return nil }
        return s.withUTF8Buffer { p -> Int? in
            var i = from
            while i <= b.count - k {
                if b[i] == p[0], (1..<k).allSatisfy({ b[i + $0] == p[$0] }) { return i }
                i += 1
            }
            return nil
        }
    }
}

extension HTMLText {
    /// How far into a document a `<meta>` charset is looked for (HTML5 prescans 1024 bytes; Word
    /// puts a long `<style>` before nothing, but some archives put comments first).
    public static let charsetPrescanBytes = 4096

    /// The charset a `<meta charset=…>` or `<meta http-equiv=Content-Type content="…; charset=…">`
    /// declares in the first ``charsetPrescanBytes`` bytes, or nil.
    public static func metaCharset(in bytes: ArraySlice<UInt8>) -> String? {
        let head = Array(bytes.prefix(charsetPrescanBytes).map { $0 | ($0.isASCIIAlpha ? 0x20 : 0) })
        return head.withUnsafeBufferPointer { b -> String? in
            var from = 0
            while let meta = HTMLRepair.find(b, "<meta", from: from) {
                let end = b[meta...].firstIndex(of: UInt8(ascii: ">")) ?? b.count
                let tag = UnsafeBufferPointer(rebasing: b[meta..<end])
                if let at = HTMLRepair.find(tag, "charset=", from: 0) {
                    var i = at + 8
                    while i < tag.count, tag[i] == UInt8(ascii: "\"") || tag[i] == UInt8(ascii: "'") || tag[i] == .space { i += 1 }
                    var j = i
                    while j < tag.count, tag[j].isASCIIAlpha || tag[j].isASCIIDigit || tag[j] == UInt8(ascii: "-")
                        || tag[j] == UInt8(ascii: "_") || tag[j] == UInt8(ascii: ".") || tag[j] == UInt8(ascii: ":") { j += 1 }
                    if j > i { return String(decoding: tag[i..<j], as: UTF8.self) }
                }
                from = end
            }
            return nil
        }
    }

    /// Converts HTML bytes to text: the charset is `declaredCharset` (a MIME part's), else the
    /// document's `<meta>`, else detection (UTF-8 when valid, windows-1252 otherwise).
    public static func convert(bytes: ArraySlice<UInt8>, declaredCharset: String?) -> (text: String?, defect: MailDefect?) {
        let label = declaredCharset ?? metaCharset(in: bytes)
        let name = Charset.normalize(label)
        // UTF-8 as it stands (declared so, or ASCII-labelled, or undeclared): straight to libxml2, no String
        // in between. The defects are those Charset.decode gives for the same bytes.
        if name.isEmpty || name == "utf-8" || name == "utf8" || name == "us-ascii" || name == "ascii", Charset.isValidUTF8(bytes) {
            let defect: MailDefect? = Charset.isASCII(bytes) || name.hasPrefix("utf") ? nil
                : name.isEmpty ? .undeclaredCharset : .charsetMismatch
            return (convert(utf8Bytes: Array(bytes)), defect)
        }
        let decoded = Charset.decode(bytes, label: label)
        return (convert(utf8: decoded.text), decoded.defect)
    }
}
