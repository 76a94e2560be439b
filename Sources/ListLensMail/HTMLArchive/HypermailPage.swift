import CLibXML2
import ListLensText

/// hypermail's message pages: metadata in comments (`<!-- name="…" -->`, `email`, `sent`,
/// `received`, `subject`, `id`, `inreplyto`), the body between `<!-- body="start" -->` and
/// `<!-- body="end" -->`, quoted lines as `quotelev1`…`quotelev4` spans that keep their `>`.
///
/// hypermail writes `_at_` for `@` in ids and may cut addresses to their local part; both are
/// kept as the page has them (ids stay consistent with the `inreplyto` of replies).
enum HypermailPage {
    static func isMessage(_ comments: [(node: xmlNodePtr, text: String)]) -> Bool {
        comments.contains { $0.text.trimmingCharacters(in: " ") == "body=\"start\"" }
    }

    static func message(_ comments: [(node: xmlNodePtr, text: String)]) -> ArchivedMessage? {
        var fields: [String: String] = [:]
        var bodyStart: xmlNodePtr?
        for (node, text) in comments {
            let t = text.trimmingCharacters(in: " \t\n")
            if t == "body=\"start\"" { bodyStart = node; break }
            // `key="value"`: the quotes are two characters (a comment `x="` has one, which is both).
            guard let eq = t.firstIndex(of: "="), t.hasSuffix("\""), t[t.index(after: eq)...].hasPrefix("\""),
                  t.distance(from: eq, to: t.endIndex) >= 3 else { continue }
            let key = String(t[..<eq])
            let value = t[t.index(eq, offsetBy: 2)..<t.index(before: t.endIndex)]
            if fields[key] == nil { fields[key] = HTMLArchive.decodeEntities(String(value)) }
        }
        guard let start = bodyStart else { return nil }
        let isEnd: (xmlNodePtr) -> Bool = { node in
            guard node.pointee.type == XML_COMMENT_NODE, let c = node.pointee.content else { return false }
            return String(cString: c).trimmingCharacters(in: " ") == "body=\"end\""
        }
        let body = HTMLDocument.siblings(after: start, until: isEnd)
        // The `<address class="headers">` block repeats From and Date: not part of the text.
        let text = HTMLText.text(of: body, stop: isEnd, skip: { node in
            node.pointee.type == XML_ELEMENT_NODE && HTMLDocument.name(node) == "address"
                && HTMLDocument.attribute(node, "class") == "headers"
        }, linkTargets: false)
        let id = fields["id"].map(unmangle).flatMap { $0.isEmpty ? nil : $0 }
        let parent = fields["inreplyto"].map(unmangle).flatMap { $0.isEmpty ? nil : $0 }
        let address = fields["email"].map { $0.replacingOccurrences(of: "_at_", with: "@") }
        return ArchivedMessage(from: HTMLArchive.fromField(name: fields["name"], address: address),
                               date: fields["sent"] ?? fields["received"], subject: fields["subject"],
                               messageID: id, inReplyTo: parent.map { [$0] } ?? [], text: text)
    }

    private static func unmangle(_ id: String) -> String {
        var s = id.replacingOccurrences(of: "_at_", with: "@").trimmingCharacters(in: " ")
        if s.hasPrefix("<") { s.removeFirst() }
        if s.hasSuffix(">") { s.removeLast() }
        return s
    }
}
