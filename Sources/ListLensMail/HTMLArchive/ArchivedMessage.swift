/// A message recovered from an HTML archive page: the fields the page shows, and its body text.
///
/// It becomes a ``RawMessage`` holding an RFC 5322 rendering of those fields, so HTML archives go
/// through the same parser, analysis and store as mbox files (one pipeline, one set of defects).
struct ArchivedMessage {
    /// `From:` as the page gives it, in pipermail's `user at host (Name)` form when the address is obfuscated.
    var from: String?
    var date: String?
    var subject: String?
    /// Without `<>`; nil when the page does not carry one (a content hash is then used, as for mbox).
    var messageID: String?
    var inReplyTo: [String] = []
    var references: [String] = []
    /// The body as a reader sees it, already converted from the page's HTML (quotes as `>` lines).
    var text: String
    /// HTML parts reunited with the message (pipermail's scrubbed `attachment.html` files): the
    /// original HTML source and its file name.
    var htmlAttachments: [(name: String, source: String)] = []

    /// The message as RFC 5322 bytes: UTF-8 header values (RFC 6532), a text/plain UTF-8 body,
    /// and reunited HTML parts after it in a multipart/mixed.
    func rfc5322() -> [UInt8] {
        var out = ""
        func field(_ name: String, _ value: String?) {
            guard var v = value?.filter({ $0 != "\r" && $0 != "\n" }), !v.isEmpty else { return }
            if v.utf8.count > HTMLArchiveLimits.maxFieldBytes { v = String(decoding: v.utf8.prefix(HTMLArchiveLimits.maxFieldBytes), as: UTF8.self) }
            out += name + ": " + v + "\n"
        }
        field("From", from)
        field("Date", date)
        field("Subject", subject)
        field("Message-ID", messageID.map { "<\($0)>" })
        field("In-Reply-To", inReplyTo.isEmpty ? nil : inReplyTo.map { "<\($0)>" }.joined(separator: " "))
        field("References", references.isEmpty ? nil : references.map { "<\($0)>" }.joined(separator: " "))
        out += "MIME-Version: 1.0\n"
        if htmlAttachments.isEmpty {
            out += "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + text + "\n"
            return Array(out.utf8)
        }
        let boundary = "listlens-reunited-" + String(SHA256.hex(Array(text.utf8)).prefix(16))
        out += "Content-Type: multipart/mixed; boundary=\"\(boundary)\"\n\n"
        out += "--\(boundary)\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + text + "\n"
        // A message that was HTML only keeps its text in the HTML part: show that one inline.
        let inline = Self.onlyScrubNotes(text)
        for a in htmlAttachments {
            let name = a.name.filter { $0 != "\"" && $0 != "\\" && $0 != "\n" && $0 != "\r" }
            out += "--\(boundary)\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 8bit\n"
            out += "Content-Disposition: \(inline ? "inline" : "attachment"); filename=\"\(name)\"\n\n" + a.source + "\n"
        }
        out += "--\(boundary)--\n"
        return Array(out.utf8)
    }

    /// True when the text holds nothing but pipermail's scrubbed-attachment notes.
    static func onlyScrubNotes(_ text: String) -> Bool {
        guard let note = text.firstRange(of: "-------------- next part --------------") else { return false }
        return text[..<note.lowerBound].allSatisfy(\.isWhitespace)
    }
}
