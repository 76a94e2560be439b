extension HTMLText {
    /// The charset a `<meta charset=…>` or `<meta http-equiv=Content-Type content="…; charset=…">`
    /// declares in the first ``HTMLLimits/charsetPrescanBytes`` bytes, or nil.
    public static func metaCharset(in bytes: ArraySlice<UInt8>) -> String? {
        let head = Array(bytes.prefix(HTMLLimits.charsetPrescanBytes).map { $0 | ($0.isASCIIAlpha ? 0x20 : 0) })
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
    /// document's `<meta>`, else detection (UTF-8 when valid, windows-1252 otherwise). The same
    /// steps as a text/html mail part takes (``BodyText``), which is what the benchmark measures.
    /// - Returns: the text (nil when no parser could be made) and its line marks, the charset defect,
    ///   and whether the HTML was longer than ``HTMLLimits/maxInputBytes`` and cut there.
    public static func convert(bytes: ArraySlice<UInt8>, declaredCharset: String?)
        -> (text: String?, marks: [TextMark], defect: MailDefect?, cut: Bool) {
        let decoded = Charset.decode(bytes, label: declaredCharset ?? metaCharset(in: bytes))
        let converted = convertMarked(utf8: decoded.text)
        return (converted?.text, converted?.marks ?? [], decoded.defect, decoded.text.utf8.count > HTMLLimits.maxInputBytes)
    }
}
