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

    /// Sign-offs, lowercased, in the languages of the attribution lines: `Thanks,`, `Best regards,`,
    /// `Mit freundlichen Grüßen`, `С уважением,`. A sign-off and what follows it (a name, a title, a
    /// contact block) is the sender's signature.
    static let valedictions: Set<String> = [
        "thanks", "thank you", "thanks again", "thank you again", "many thanks", "thanks a lot", "thanks in advance",
        "thank you in advance", "thx", "tia", "regards", "best regards", "kind regards", "warm regards", "warmest regards",
        "best", "cheers", "br", "b.r", "rgds", "brgds", "sincerely", "yours sincerely", "sincerely yours", "best wishes",
        "with regards", "with best regards", "with kind regards", "thanks and regards", "thanks & regards",
        "thanks and best regards", "thanks & best regards", "thanks and best wishes", "all the best", "take care", "cordially",
        "grüße", "viele grüße", "beste grüße", "liebe grüße", "schöne grüße", "mit freundlichen grüßen", "freundliche grüße",
        "mfg", "gruß", "lg", "danke", "vielen dank",
        "cordialement", "bien cordialement", "bien à vous", "salutations", "merci", "merci d'avance",
        "saludos", "un saludo", "saludos cordiales", "atentamente", "gracias", "muchas gracias",
        "obrigado", "obrigada", "abraços", "atenciosamente", "cumprimentos",
        "saluti", "cordiali saluti", "distinti saluti", "un saluto", "grazie", "grazie mille",
        "groeten", "groetjes", "met vriendelijke groet", "met vriendelijke groeten", "bedankt", "hartelijke groet",
        "hälsningar", "med vänliga hälsningar", "vänliga hälsningar", "mvh", "tack",
        "pozdrawiam", "pozdrowienia", "dzięki", "dziękuję", "z poważaniem",
        "с уважением", "спасибо", "всего доброго", "всего хорошего",
        "よろしくお願いします", "よろしくお願いいたします", "以上です", "谢谢", "謝謝", "此致", "祝好", "顺祝商祺",
    ]

    /// A sign-off alone on its line, perhaps with a name after it (`Thanks,`, `Regards.`, `Thank you!`,
    /// `Thanks again Jeremy`); not a sentence that starts like one (`Thanks for the patch, applied.`).
    static func isValediction(_ line: Substring) -> Bool {
        guard line.utf8.count <= 60 * 4 + 16 else { return false }
        let t = line.trimmingCharacters(in: " \t\r\u{A0}")
        guard !t.isEmpty, t.count <= 60 else { return false }
        let bare = t.trimmingCharacters(in: " ,.!:;~-—").lowercased()
        if valedictions.contains(bare) { return true }
        // The longest sign-off the line starts with, then a name of one to three words.
        let words = bare.split(separator: " ", omittingEmptySubsequences: true)
        for n in stride(from: min(words.count - 1, 5), through: 1, by: -1) {
            let opening = words.prefix(n).joined(separator: " ").trimmingCharacters(in: ",.!")
            guard valedictions.contains(opening) else { continue }
            let rest = t.split(separator: " ", omittingEmptySubsequences: true).dropFirst(n)
            return (1...3).contains(rest.count) && rest.allSatisfy { w in
                let name = w.trimmingCharacters(in: ",.!")
                return name.first?.isUppercase == true && name.allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" }
            }
        }
        return false
    }

    /// A line a signature block holds below its sign-off: a name, a title, an address, a number, a link.
    /// Not a question or a paragraph of the message (over sixteen words, or ending in `?`).
    static func isSignatureBlockLine(_ line: Substring) -> Bool {
        guard line.utf8.count <= 100 * 4 + 16 else { return false }
        let t = line.trimmingCharacters(in: " \t\r\u{A0}")
        guard t.count <= 100, t.last != "?" else { return false }
        // Words counted from the bytes, up to the first one too many.
        var words = 0
        var inWord = false
        for b in t.utf8 {
            if b == 0x20 {
                inWord = false
            } else if !inWord {
                inWord = true
                words += 1
                if words > 16 { return false }
            }
        }
        return true
    }

    /// Most lines from a sign-off to the end of the sender's text (a name and a contact block).
    static let maxSignatureBlockLines = 12

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
        // `::DISCLAIMER::`, as HCL's and Wipro's mail gateways write it.
        let t = line.trimmingCharacters(in: " \t\r\u{A0}*").lowercased().drop { $0 == ":" }
        return disclaimerOpenings.contains { t.hasPrefix($0) }
    }

    /// Takes mobile tails and name closings off the end of each run of the sender's text that ends
    /// before something else (a quote, an attribution, a footer) or at the end of the body.
    static func splitTails(_ segments: [BodySegment], senderName: String?) -> [BodySegment] {
        var out: [BodySegment] = []
        out.reserveCapacity(segments.count + 1)
        var wroteBefore = false   // words of the sender's in an earlier run
        for (k, s) in segments.enumerated() {
            guard s.kind == .authored, s.depth == 0, k + 1 == segments.count || segments[k + 1].kind != .authored else {
                out.append(s)
                continue
            }
            defer { wroteBefore = true }
            if let (kept, signature) = splitAtValediction(s.text, wroteBefore: wroteBefore) {
                if !kept.isEmpty { out.append(BodySegment(kind: .authored, depth: 0, text: kept)) }
                out.append(BodySegment(kind: .signature, depth: 0, text: signature))
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

    /// The sender's text split at its sign-off: the words above it, and the sign-off with the block
    /// below it. Nil unless a sign-off opens one of the last ``maxSignatureBlockLines`` lines, every
    /// line after it fits a signature block, and some words of the sender's come before it, in this
    /// run or (`wroteBefore`) an earlier one: a message that is only `Thanks!` keeps them as its text.
    static func splitAtValediction(_ text: String, wroteBefore: Bool) -> (kept: String, signature: String)? {
        // The last lines that hold words (at most maxSignatureBlockLines + 1), found by bytes, last first.
        let utf8 = text.utf8
        var lines: [Range<String.Index>] = []
        var end = utf8.endIndex
        while lines.count <= maxSignatureBlockLines, end > utf8.startIndex {
            let nl = utf8[..<end].lastIndex(of: 0x0A)
            let start = nl.map { utf8.index(after: $0) } ?? utf8.startIndex
            if !isBlank(utf8[start..<end]) { lines.append(start..<end) }
            guard let nl else { break }
            end = nl
        }
        // Most runs end without a sign-off: a byte test turns their lines away before any is parsed.
        let valediction = lines.map { mayBeValediction(utf8[$0]) && isValediction(text[$0]) }
        guard valediction.contains(true) else { return nil }
        // The earliest sign-off whose block below fits: every line below it a signature line, the one
        // right below it a name or another sign-off.
        var best: String.Index? = nil
        var blockFits = true
        for (k, range) in lines.enumerated() {
            let line = text[range]
            if valediction[k] {
                let below = k == 0 || valediction[k - 1] || isNameLine(text[lines[k - 1]])
                if blockFits && below { best = range.lowerBound }
            } else if !isSignatureBlockLine(line) {
                blockFits = false
            }
        }
        guard let cut = best else { return nil }
        var kept = text[..<cut]
        while let last = kept.last, last.isWhitespace { kept = kept.dropLast() }
        guard wroteBefore || kept.contains(where: { !$0.isWhitespace }) else { return nil }
        var signature = text[cut...]
        while let last = signature.last, last.isWhitespace { signature = signature.dropLast() }
        return (String(kept), String(signature))
    }

    /// Spaces, tabs, carriage returns and no-break spaces only.
    static func isBlank(_ bytes: Substring.UTF8View) -> Bool {
        var previous: UInt8 = 0
        for b in bytes {
            switch b {
            case 0x20, 0x09, 0x0D, 0xC2: break
            case 0xA0 where previous == 0xC2: break
            default: return false
            }
            previous = b
        }
        return true
    }

    /// The first word of each sign-off (letters of ASCII ones, lowercased, at most eight, packed):
    /// what ``mayBeValediction(_:)`` looks up.
    static let valedictionFirstWords: Set<UInt64> = Set(valedictions.compactMap { v in
        let word = v.utf8.prefix { $0 != 0x20 && $0 != 0x2C && $0 != 0x2E }
        return word.allSatisfy({ $0 < 0x80 }) ? packedWord(word) : nil
    })

    /// Up to eight bytes of an ASCII word, lowercased, packed into one number.
    static func packedWord<C: Collection>(_ word: C) -> UInt64 where C.Element == UInt8 {
        var key: UInt64 = 0
        for b in word.prefix(8) { key = key << 8 | UInt64((0x41...0x5A).contains(b) ? b | 0x20 : b) }
        return key
    }

    /// False only for lines ``isValediction(_:)`` refuses, by bytes: too long, or an ASCII first word
    /// no sign-off starts with. A first word with other letters (`Grüße`, `Спасибо`) goes to the parse.
    static func mayBeValediction(_ bytes: Substring.UTF8View) -> Bool {
        var body = bytes.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0xC2 || $0 == 0xA0 }
        guard body.count <= 60 * 4 + 16, let first = body.first else { return false }
        if first >= 0x80 { return true }
        body = body.drop { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "~") }
        let word = body.prefix { $0 != 0x20 && $0 != 0x2C && $0 != 0x2E && $0 != 0x21 && $0 != 0x0D && $0 != 0x3A && $0 != 0x3B }
        return word.contains { $0 >= 0x80 } || valedictionFirstWords.contains(packedWord(word))
    }

    /// A name alone on its line: one to four words that start with a capital (or a letter of a
    /// script without case), `-` and `~` in front allowed: `Prince`, `-Vijay`, `郭育宏(Prince Kuo)`.
    static func isNameLine(_ line: Substring) -> Bool {
        guard line.utf8.count <= 48 * 4 + 16 else { return false }
        let t = line.trimmingCharacters(in: " \t\r\u{A0}").drop { $0 == "-" || $0 == "~" || $0 == "—" }
        guard !t.isEmpty, t.count <= 48 else { return false }
        let words = t.split(separator: " ")
        return (1...4).contains(words.count) && words.allSatisfy { w in
            guard let f = w.first, f.isLetter else { return false }
            return f.isUppercase || !f.isCased
        }
    }
}
