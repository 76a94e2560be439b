import ListLensText
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns text bytes in a declared charset into a String, recovering from the labels mail really carries.
///
/// Declared labels are resolved through an alias table (iconv lacks `ks_c_5601-1987`, `x-gbk` …).
/// Labels that are routinely wrong (`us-ascii`, `iso-8859-1`, none at all) fall back to detection:
/// valid UTF-8, else windows-1252 (the WHATWG practice). The seed message says `us-ascii` and is UTF-8.
public enum Charset {
    public struct Decoded: Sendable {
        public var text: String
        /// The charset actually used.
        public var charset: String
        /// Set when the declared charset could not be used as declared.
        public var defect: MailDefect?
    }

    /// Labels iconv does not know, mapped to one it does (TOOLCHAIN.md §4).
    static let aliases: [String: String] = [
        "x-sjis": "SHIFT_JIS", "ks_c_5601-1987": "CP949", "ks_c_5601": "CP949", "euc-kr": "CP949",
        "x-gbk": "GB18030", "gb_2312-80": "GB18030", "gb2312": "GB18030", "gbk": "GB18030", "cp936": "GB18030",
        "x-euc-cn": "GB18030", "euc-cn": "GB18030",
        "iso-8859-8-i": "ISO-8859-8", "x-mac-roman": "MACINTOSH", "unicode-1-1-utf-7": "UTF-7",
        "big5": "BIG5-HKSCS", "windows-874": "CP874", "tis-620": "CP874",
    ]

    /// Charsets whose bytes are all 7-bit (escape or shift sequences switch the character set):
    /// ASCII bytes are not yet text in them, so they are decoded even when the bytes look like ASCII.
    static let sevenBit: Set<String> = [
        "iso-2022-jp", "iso-2022-jp-1", "iso-2022-jp-2", "iso-2022-jp-3", "csiso2022jp", "iso-2022-kr", "csiso2022kr",
        "iso-2022-cn", "iso-2022-cn-ext", "utf-7", "unicode-1-1-utf-7", "hz-gb-2312",
    ]

    /// Labels that mean "probably ASCII, possibly anything": decoded by detection.
    static let weakLabels: Set<String> = [
        "", "us-ascii", "ascii", "ansi_x3.4-1968", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1",
        "unknown-8bit", "x-unknown", "unknown", "default", "x-user-defined", "windows-1252", "cp1252", "iso-8859-15",
    ]

    /// Decodes `bytes` declared as `label` (nil when no charset was declared).
    public static func decode(_ bytes: ArraySlice<UInt8>, label: String?) -> Decoded {
        let name = normalize(label)
        if isASCII(bytes) {
            if sevenBit.contains(name), let r = Iconv.decode(bytes, from: aliases[name] ?? name) {
                return Decoded(text: r.text, charset: name, defect: r.replaced > 0 ? .undecodableBytes : nil)
            }
            // ISO-2022-JP written with no label (or a weak one): its escape sequences say what it is.
            if (label == nil || weakLabels.contains(name)), containsISO2022JPEscape(bytes),
               let r = Iconv.decode(bytes, from: "ISO-2022-JP"), r.replaced == 0 {
                return Decoded(text: r.text, charset: "iso-2022-jp", defect: label == nil || name.isEmpty ? .undeclaredCharset : .charsetMismatch)
            }
            return Decoded(text: String(decoding: bytes, as: UTF8.self), charset: "us-ascii")
        }
        if name == "utf-8" || name == "utf8" {
            if let s = String(validating: bytes, as: UTF8.self) { return Decoded(text: s, charset: "utf-8") }
            return Decoded(text: Windows1252.decode(bytes), charset: "windows-1252", defect: .charsetMismatch)
        }
        if label == nil || name.isEmpty || weakLabels.contains(name) {
            if let s = String(validating: bytes, as: UTF8.self) {
                return Decoded(text: s, charset: "utf-8",
                               defect: label == nil || name.isEmpty ? .undeclaredCharset : .charsetMismatch)
            }
            if name == "iso-8859-15", let r = Iconv.decode(bytes, from: "ISO-8859-15") {
                return Decoded(text: r.text, charset: "iso-8859-15")
            }
            let declaredLatin = name.contains("8859") || name.contains("1252") || name.hasPrefix("latin") || name == "l1"
            return Decoded(text: Windows1252.decode(bytes), charset: "windows-1252",
                           defect: declaredLatin ? nil : (label == nil || name.isEmpty ? .undeclaredCharset : .charsetMismatch))
        }
        let iconvName = aliases[name] ?? name
        guard let r = Iconv.decode(bytes, from: iconvName) else {
            let fallback = String(validating: bytes, as: UTF8.self)
            return Decoded(text: fallback ?? Windows1252.decode(bytes), charset: fallback == nil ? "windows-1252" : "utf-8",
                           defect: .unknownCharset)
        }
        if r.replaced > 0 {
            // Mislabelled text is more common than broken text: prefer a clean detection.
            if let s = String(validating: bytes, as: UTF8.self) { return Decoded(text: s, charset: "utf-8", defect: .charsetMismatch) }
            return Decoded(text: r.text, charset: name, defect: .undecodableBytes)
        }
        return Decoded(text: r.text, charset: name)
    }

    /// Whether the bytes hold ISO-2022-JP's switch to JIS X 0208 (`ESC $ B` or `ESC $ @`, RFC 1468).
    /// Every ASCII body with a weak label passes here: the search for ESC is memchr's.
    static func containsISO2022JPEscape(_ bytes: ArraySlice<UInt8>) -> Bool {
        let found = bytes.withContiguousStorageIfAvailable { buf -> Bool in
            guard let base = buf.baseAddress else { return false }
            var i = 0
            while i < buf.count, let esc = memchr(base + i, 0x1B, buf.count - i) {
                let at = base.distance(to: esc.assumingMemoryBound(to: UInt8.self))
                if at + 2 < buf.count, buf[at + 1] == UInt8(ascii: "$"), buf[at + 2] == UInt8(ascii: "B") || buf[at + 2] == UInt8(ascii: "@") {
                    return true
                }
                i = at + 1
            }
            return false
        }
        return found ?? containsISO2022JPEscape(Array(bytes)[...])   // an ArraySlice is always contiguous
    }

    /// `"ISO-8859-1"` → `iso-8859-1`; quotes, spaces and RFC 2231 language suffixes removed.
    static func normalize(_ label: String?) -> String {
        guard var s = label?.lowercased() else { return "" }
        s = s.trimmingCharacters(in: " \t\"'")
        if let star = s.firstIndex(of: "*") { s = String(s[..<star]) }
        return s
    }

    @inline(__always)
    static func isASCII(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withContiguousStorageIfAvailable { buf in
            // Eight bytes at a time: a high bit anywhere means non-ASCII.
            var i = 0
            let n = buf.count
            if let base = buf.baseAddress {
                let raw = UnsafeRawPointer(base)
                while i + 8 <= n {
                    if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                    i += 8
                }
            }
            while i < n { if buf[i] >= 0x80 { return false }; i += 1 }
            return true
        } ?? bytes.allSatisfy { $0 < 0x80 }
    }
}
