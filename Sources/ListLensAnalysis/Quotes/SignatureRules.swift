import ListLensText

/// Signatures that come without a `-- ` line: a mobile client's `Sent from my …` tail, a closing line
/// with the sender's name (`-Abhishek Kona`), a corporate disclaimer.
///
/// Each test looks at one short line; a tail is only taken off the end of the sender's text (before
/// a quote, an attribution, the list's footer or the end), so a sentence that starts the same way in
/// the middle of a reply stays authored.
enum SignatureRules {
    /// Mobile and webmail tails, lowercased, in the languages of the attribution lines.
    static let mobilePrefixes: [String] = [
        "sent from my ", "sent from yahoo mail", "sent from mail for windows", "sent from outlook", "get outlook for ",
        "sent via ", "sent using ", "sent with ", "von meinem ", "gesendet von meinem ", "envoyé de mon ", "envoyé depuis mon ",
        "enviado desde mi ", "enviado do meu ", "enviado de meu ", "inviato da ", "verzonden vanaf mijn ", "verstuurd vanaf mijn ",
        "skickat från min ", "wysłane z ", "отправлено с ", "发自我的", "從我的 ", "从我的",
    ]

    /// Words that end a tail such as `iPhoneから送信`.
    static let mobileSuffixes: [String] = ["から送信"]

    /// `Sent from my iPhone`, `Sent from my Verizon Wireless BlackBerry`, `Von meinem iPhone gesendet`; not
    /// `Sent from my desk, is much easier then my mobile phone.` (a sentence: a comma, or over five words on).
    static func isMobileTail(_ line: Substring) -> Bool {
        guard line.utf8.count <= 64 * 4 + 16 else { return false }   // over 64 characters however it is trimmed
        let t = line.trimmingCharacters(in: " \t\r\u{A0}").lowercased()
        guard t.count <= 64 else { return false }
        for p in mobilePrefixes where t.hasPrefix(p) {
            let rest = t.dropFirst(p.count)
            return !rest.contains(",") && rest.split(separator: " ").count <= 5
        }
        return mobileSuffixes.contains { t.hasSuffix($0) }
    }

    /// `-Abhishek Kona`, `--Tim`, `—Dana`, or the sender's own name or first name alone on the last line.
    /// A dash and a space (`- Django`) is a list item, not a closing, unless it is the sender's name.
    static func isNameClosing(_ line: Substring, senderName: String?) -> Bool {
        guard line.utf8.count <= 40 * 4 + 16 else { return false }
        let t = line.trimmingCharacters(in: " \t\r\u{A0}")
        guard !t.isEmpty, t.count <= 40 else { return false }
        let dashed = t.drop(while: { $0 == "-" || $0 == "—" || $0 == "–" || $0 == "~" })
        let words = dashed.split(separator: " ")
        if dashed.count < t.count, dashed.first?.isUppercase == true, (1...3).contains(words.count),
           words.allSatisfy({ $0.first?.isUppercase == true && $0.allSatisfy { $0.isLetter || $0 == "." || $0 == "'" } }) {
            return true
        }
        guard let senderName else { return false }
        let name = senderName.trimmingCharacters(in: " \"'").lowercased()
        let said = dashed.trimmingCharacters(in: " ,.").lowercased()
        guard !said.isEmpty, !name.isEmpty else { return false }
        let first = name.split(separator: " ").first.map(String.init)
        return said == name || said == first
    }

    /// Openings of a corporate disclaimer paragraph.
    static let disclaimerOpenings: [String] = [
        "confidentiality notice", "this email and any attachments", "this e-mail and any attachments",
        "this message and any attachments", "the information contained in this e-mail", "the information contained in this email",
        "the information contained in this message", "this email is confidential", "this e-mail is confidential",
        "this message is intended only for", "this email is intended only for", "this e-mail message is intended only",
        "disclaimer:", "legal disclaimer", "privileged/confidential information", "this communication is confidential",
        "diese e-mail enthält vertrauliche", "ce message et toutes les pièces jointes", "este mensaje y sus anexos",
    ]

    static func isDisclaimerStart(_ line: Substring) -> Bool {
        guard line.count <= 400 else { return false }
        let t = line.trimmingCharacters(in: " \t\r\u{A0}*").lowercased()
        return disclaimerOpenings.contains { t.hasPrefix($0) }
    }

    /// Takes mobile tails and name closings off the end of each run of the sender's text that ends
    /// before something else (a quote, an attribution, a footer) or at the end of the body.
    static func splitTails(_ segments: [BodySegment], senderName: String?) -> [BodySegment] {
        var out: [BodySegment] = []
        out.reserveCapacity(segments.count + 1)
        for (k, s) in segments.enumerated() {
            guard s.kind == .authored, s.depth == 0, k + 1 == segments.count || segments[k + 1].kind != .authored else {
                out.append(s)
                continue
            }
            // Only the last lines matter: split off at most four from the end, not the whole text.
            var head = s.text[...]
            var tailLines: [Substring] = []
            while tailLines.count < 4, let nl = head.utf8.lastIndex(of: 0x0A) {
                tailLines.insert(head[head.index(after: nl)...], at: 0)
                head = head[..<nl]
            }
            if tailLines.count < 4 { tailLines.insert(head, at: 0); head = head[head.startIndex..<head.startIndex] }
            let hasHead = !head.isEmpty
            var lines = tailLines[...]
            var tail: [Substring] = []
            // At most two tail lines: `-Dana` above `Sent from my iPhone`.
            while tail.count < 2, let last = lines.last {
                if last.allSatisfy(\.isWhitespace) { lines = lines.dropLast(); continue }
                let listItem = lines.dropLast().last(where: { !$0.allSatisfy(\.isWhitespace) })?.first == "-"
                guard isMobileTail(last) || (!listItem && isNameClosing(last, senderName: senderName)) else { break }
                tail.insert(last, at: 0)
                lines = lines.dropLast()
            }
            while let l = lines.last, l.allSatisfy(\.isWhitespace) { lines = lines.dropLast() }
            if tail.isEmpty {
                out.append(s)
                continue
            }
            if lines.isEmpty {
                // The head's own trailing blank lines go too, as a segment's always do.
                while let nl = head.utf8.lastIndex(of: 0x0A), head[head.index(after: nl)...].allSatisfy(\.isWhitespace) { head = head[..<nl] }
            }
            let kept = (hasHead && !head.allSatisfy(\.isWhitespace) ? [head] : []) + Array(lines)
            if !kept.isEmpty { out.append(BodySegment(kind: .authored, depth: 0, text: kept.joined(separator: "\n"))) }
            out.append(BodySegment(kind: .signature, depth: 0, text: tail.joined(separator: "\n")))
        }
        return out
    }
}
