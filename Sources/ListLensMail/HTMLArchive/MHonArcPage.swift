import CLibXML2
import ListLensText

/// MHonArc's message pages: metadata in `<!--X-…: -->` comments before the document
/// (`X-Subject`, `X-From-R13`, `X-Date`, `X-Message-Id`, one `X-Reference` per reference), the body
/// between `<!--X-Body-of-Message-->` and `<!--X-Body-of-Message-End-->`.
///
/// Comment values escape `-`, `&` and `<` as `&#NN;`; `X-From-R13` is the sender rotated by
/// MHonArc's `mrot13` (rot13 on letters, with `@` and `[` in the upper-case cycle). A message
/// without a Message-ID gets `…@NO-ID-FOUND.mhonarc.org` from MHonArc: read as no id.
enum MHonArcPage {
    static func isMessage(_ comments: [(node: xmlNodePtr, text: String)]) -> Bool {
        comments.contains { $0.text.hasPrefix("X-Message-Id: ") } && comments.contains { $0.text == "X-Body-of-Message" }
    }

    static func message(_ comments: [(node: xmlNodePtr, text: String)]) -> ArchivedMessage? {
        var fields: [String: String] = [:]
        var references: [String] = []
        var bodyStart: xmlNodePtr?
        for (node, text) in comments {
            if text == "X-Body-of-Message" { bodyStart = node; break }
            guard text.hasPrefix("X-"), let colon = text.firstIndex(of: ":") else { continue }
            let key = String(text[text.index(text.startIndex, offsetBy: 2)..<colon])
            let value = HTMLArchive.decodeEntities(String(text[text.index(after: colon)...]).trimmingCharacters(in: " "))
            if key == "Reference" { if !value.isEmpty, references.count < HTMLArchiveLimits.maxReferences { references.append(value) } }
            else if fields[key] == nil { fields[key] = value }
        }
        guard let start = bodyStart else { return nil }
        let isEnd: (xmlNodePtr) -> Bool = { PipermailPage.isComment($0, "X-Body-of-Message-End") }
        let body = HTMLDocument.siblings(after: start, until: isEnd)
        let text = HTMLText.text(of: body, stop: isEnd)   // links are the mail's own (HTML mail) or equal their text
        return ArchivedMessage(from: fields["From-R13"].map(mrot13), date: fields["Date"], subject: fields["Subject"],
                               messageID: fields["Message-Id"].flatMap { $0.isEmpty || $0.hasSuffix("@NO-ID-FOUND.mhonarc.org") ? nil : $0 },
                               inReplyTo: references.last.map { [$0] } ?? [], references: references, text: text)
    }

    /// MHonArc's `tr/@A-Z[a-z/N-Z[@A-Mn-za-m/`: a rotation by 14 in the 28-letter cycle `@A…Z[`
    /// and by 13 in `a…z`, so applying it again decodes.
    static func mrot13(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { u -> Unicode.Scalar in
            let v = u.value
            if v >= 0x40 && v <= 0x5B { return Unicode.Scalar(0x40 + (v - 0x40 + 14) % 28)! }   // @A-Z[
            if v >= 0x61 && v <= 0x7A { return Unicode.Scalar(0x61 + (v - 0x61 + 13) % 26)! }   // a-z
            return u
        }))
    }
}
