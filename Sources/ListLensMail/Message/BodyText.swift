/// Chooses and decodes the text a reader sees from a MIME tree.
///
/// `multipart/alternative`: text/plain preferred (HTML when asked), else HTML converted. Other multiparts: every
/// inline text part in order (Mailman adds its list footer as a separate part). Attachments
/// (a `Content-Disposition: attachment`, or a non-text part) are left out.
enum BodyText {
    /// The text, the parts it came from, and the marks HTML parts gave its lines (``TextMark``).
    static func extract(bytes: [UInt8], tree: MIMETree, preferHTML: Bool = false,
                        defects: inout [MailDefect]) -> (text: String, parts: [Int], marks: [TextMark]) {
        var chosen: [Int] = []
        var stack: [Int] = [0]
        while let i = stack.popLast() {
            let part = tree.parts[i]
            let ct = part.contentType.value
            if ct == "multipart/alternative" {
                let kids = part.children
                let html = kids.last(where: { isInlineText(tree.parts[$0], "text/html") })
                if preferHTML, let html {
                    chosen.append(html)
                } else if let plain = kids.last(where: { isInlineText(tree.parts[$0], "text/plain") && !tree.parts[$0].body.isEmpty }) {
                    chosen.append(plain)
                } else if let html {
                    chosen.append(html)
                } else if let nested = kids.first(where: { tree.parts[$0].contentType.isMultipart }) {
                    stack.append(nested)
                } else if let first = kids.first {
                    stack.append(first)
                }
                continue
            }
            if part.contentType.isMultipart {
                stack.append(contentsOf: part.children.reversed())
                continue
            }
            if ct == "message/rfc822" || ct == "message/global" { continue }   // a forwarded message is an attachment here
            if isInlineText(part, "text/plain") || isInlineText(part, "text/html") || (i == 0 && part.contentType.type == "text") {
                chosen.append(i)
            }
        }
        if chosen.isEmpty {
            defects.append(.noTextPart)
            return ("", [], [])
        }
        // Parts are joined by a blank line; a part's marks move down by the lines before it (counted
        // only for a part that has marks: most bodies have none).
        var texts: [String] = []
        var marks: [TextMark] = []
        for i in chosen {
            let (t, partMarks) = decodeMarkedText(bytes: bytes, part: tree.parts[i], defects: &defects)
            guard !t.isEmpty else { continue }
            if !partMarks.isEmpty {
                let linesBefore = texts.reduce(0) { $0 + $1.utf8.count(where: { $0 == 0x0A }) + 2 }
                for var m in partMarks where marks.count < TextMark.maxPerBody {
                    m.line += linesBefore
                    marks.append(m)
                }
            }
            texts.append(t)
        }
        return (texts.joined(separator: "\n\n"), chosen, marks)
    }

    static func isInlineText(_ part: MIMEPart, _ type: String) -> Bool {
        part.contentType.value == type && part.disposition != "attachment"
    }

    /// The decoded text of one leaf part: transfer encoding, charset, format=flowed, HTML.
    static func decodeText(bytes: [UInt8], part: MIMEPart, defects: inout [MailDefect]) -> String {
        decodeMarkedText(bytes: bytes, part: part, defects: &defects).text
    }

    /// ``decodeText(bytes:part:defects:)`` with the marks an HTML part gives its lines.
    static func decodeMarkedText(bytes: [UInt8], part: MIMEPart, defects: inout [MailDefect]) -> (text: String, marks: [TextMark]) {
        let payload = decodeTransfer(bytes: bytes, part: part, defects: &defects)
        let label = part.contentType.parameters["charset"]
        if part.contentType.value == "text/html" {
            // Charset from the part, else the document's <meta>, else detection; CR LF is white space to HTML.
            let converted = HTMLText.convert(bytes: payload[...], declaredCharset: label)
            if let d = converted.defect { defects.append(d) }
            if converted.cut { defects.append(.htmlTooLarge) }
            if converted.text == nil { defects.append(.unparsableHTML) }
            let text = converted.text ?? ""
            let trimmed = trimTrailingBlankLines(text)
            // Leading newlines trimmed move every line up (the converter writes none, but say so here).
            let removed = text.utf8.prefix { $0 == 0x0A }.count
            let lines = trimmed.utf8.count(where: { $0 == 0x0A }) + 1
            let marks = converted.marks.compactMap { m -> TextMark? in
                var m = m
                m.line -= removed
                return m.line >= 0 && m.line < lines ? m : nil
            }
            return (trimmed, marks)
        }
        let decoded = Charset.decode(payload[...], label: label)
        if let d = decoded.defect { defects.append(d) }
        var text = normalizeNewlines(decoded.text)
        if part.contentType.parameters["format"]?.lowercased() == "flowed" {
            text = FormatFlowed.unflow(text, delSp: part.contentType.parameters["delsp"]?.lowercased() == "yes")
        }
        return (trimTrailingBlankLines(text), [])
    }

    static func decodeTransfer(bytes: [UInt8], part: MIMEPart, defects: inout [MailDefect]) -> [UInt8] {
        let body = bytes[part.body]
        switch part.transferEncoding {
        case "base64":
            let decoded = Base64.decode(body)
            if let defect = decoded.defect { defects.append(defect) }
            return decoded.bytes
        case "quoted-printable":
            return QuotedPrintable.decode(body)
        case "7bit", "8bit", "binary", "", "7-bit", "8-bit":
            return Array(body)
        default:
            defects.append(.unknownTransferEncoding)
            return Array(body)
        }
    }

    static func normalizeNewlines(_ s: String) -> String {
        guard s.utf8.contains(.cr) else { return s }
        var out = String.UnicodeScalarView()
        var lastCR = false
        for u in s.unicodeScalars {
            if u == "\r" { out.append("\n"); lastCR = true; continue }
            if u == "\n" && lastCR { lastCR = false; continue }
            lastCR = false
            out.append(u)
        }
        return String(out)
    }

    static func trimTrailingBlankLines(_ s: String) -> String {
        var sub = Substring(s)
        while let l = sub.last, l == "\n" || l == " " || l == "\t" { sub.removeLast() }
        while sub.first == "\n" { sub.removeFirst() }
        return String(sub)
    }
}
