import ListLensText

/// Reads the lines that introduce a quote, in the languages list mail is written in: reply lines
/// (`On … X wrote:`), header blocks (`From:` / `Sent:` …, Outlook's and Gmail's, localized) and
/// original-message or forwarded-message markers.
///
/// Matching is by fixed words at the ends of a line and by splitting at separators, never by
/// backtracking patterns; every function looks at one line of at most ``maxLineLength`` characters.
public enum AttributionParser {
    /// Longest line read as an attribution; longer lines are text.
    public static let maxLineLength = 400

    // MARK: Reply lines

    /// Verbs that end a reply line, after the sender: `… John Doe wrote:` and its translations.
    static let endVerbs: [String] = [
        "wrote", "writes", "said", "wrote the following",                  // en
        "schrieb", "hat geschrieben",                                       // de
        "a écrit", "a ecrit",                                               // fr
        "escribió", "escribio", "ha escrito",                               // es
        "escreveu",                                                         // pt
        "ha scritto", "scrive",                                             // it
        "schreef", "heeft het volgende geschreven", "het volgende geschreven", // nl
        "skrev",                                                            // sv
        "napisał(a)", "napisała", "napisał", "pisze",                       // pl
        "написал(а)", "написала", "написал", "пишет",                      // ru
        "写道", "寫道",                                                     // zh
        "さんは書きました", "は書きました", "書きました", "のメッセージ",        // ja
    ]

    /// Verbs between the date and the sender: `Am <date> schrieb <sender>:` (de, sv, nl).
    static let middleVerbs: [String] = [" schrieb ", " skrev ", " schreef "]

    /// Words that open a reply line before its date.
    static let intros: [String] = [
        "on ", "le ", "el ", "em ", "il giorno ", "il ", "op ", "am ", "den ", "w dniu ", "dne ", "在", "於",
    ]

    /// Words before the sender that are not part of their name (pl, ru).
    static let senderPrefixes: [String] = ["użytkownik ", "пользователь "]

    /// Parses a reply line: `On Mon, 1 Jul 2013, Glyph <g@x> wrote:` → from `Glyph <g@x>`, date `Mon, 1 Jul 2013`.
    /// Nil when the line is not one. The caller decides whether a quote follows it.
    public static func replyLine(_ line: Substring) -> Attribution? {
        guard line.utf8.count <= maxLineLength * 4, mayBeReplyLine(line) else { return nil }
        var t = line.trimmingCharacters(in: " \t\r\u{A0}")[...]
        guard !t.isEmpty, t.count <= maxLineLength else { return nil }
        var hasColon = false
        if t.last == ":" || t.last == "：" {
            t = t.dropLast().trimmingCharacters(in: " \t\u{A0}")[...]
            hasColon = true
        }
        let lower = t.lowercased()
        // Lowercasing keeps the character count for every script mail uses; if it did not, the
        // lowercased text is what is returned.
        let source = lower.count == t.count ? t : lower[...]
        if hasColon {
            if lower.hasPrefix("quoting ") { return reply(from: source.dropFirst(8), date: nil) }
            for verb in endVerbs where lower.hasSuffix(verb) {
                let head = source.dropLast(verb.count)
                let isCJK = verb.unicodeScalars.first.map { $0.value >= 0x3000 } ?? false
                guard isCJK || head.isEmpty || head.last == " " || head.last == ">" || head.last == ")" || head.last == "\"" else { continue }
                return fromAndDate(head.trimmingCharacters(in: " \t\u{A0}")[...])
            }
            for verb in middleVerbs {
                guard let r = lower.firstRange(of: verb) else { continue }
                let before = lower.distance(from: lower.startIndex, to: r.lowerBound)
                let after = lower.distance(from: lower.startIndex, to: r.upperBound)
                let datePart = stripIntro(source.prefix(before))
                return reply(from: source.dropFirst(after), date: datePart.text)
            }
        }
        // `2009/5/12 John Doe <john@doe.example>` (old Gmail), `вт, 29 апр. 2014 г. в 16:22, Иван <i@x>:`
        // (Gmail in Russian and Japanese): a date and an address, no verb.
        if t.last == ">", t.contains("@"), let lt = t.lastIndex(of: "<"), t[..<lt].contains(where: \.isNumber) {
            let parsed = fromAndDate(source)
            if parsed?.date != nil { return parsed }
        }
        if hasColon, lower.hasPrefix("on ") { return fromAndDate(source) }
        return nil
    }

    /// ``endVerbs`` that are ASCII, as bytes: for ``mayBeReplyLine(_:)``.
    static let asciiEndVerbs: [[UInt8]] = endVerbs.filter { $0.utf8.allSatisfy { $0 < 0x80 } }.map { Array($0.utf8) }
    static let middleVerbBytes: [[UInt8]] = middleVerbs.map { Array($0.utf8) }

    /// False only for lines ``replyLine(_:)`` would refuse, found with byte tests. Most lines a reply
    /// line's tests reach end with a colon above indented code (`def f(self):`); a line of ASCII can
    /// only be a reply line by a word this looks for, so the rest of the parse runs for few lines.
    /// Lines with other characters are left to the parse (lowercasing them is not a byte operation).
    static func mayBeReplyLine(_ line: Substring) -> Bool {
        var bytes = Array(line.utf8)
        if bytes.contains(where: { $0 >= 0x80 }) { return true }
        while let b = bytes.last, b == 0x20 || b == 0x09 || b == 0x0D { bytes.removeLast() }
        var start = 0
        while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0x0D { start += 1 }
        guard start < bytes.count else { return false }
        for k in start..<bytes.count where (0x41...0x5A).contains(bytes[k]) { bytes[k] |= 0x20 }
        let t = bytes[start...]
        if t.last == UInt8(ascii: ">") { return t.contains(UInt8(ascii: "@")) }
        guard t.last == UInt8(ascii: ":") else { return false }
        if t.starts(with: "quoting ".utf8) || t.starts(with: "on ".utf8) { return true }
        var head = t.dropLast()
        while let b = head.last, b == 0x20 || b == 0x09 { head = head.dropLast() }
        // `27.01.2021, 20:08, "Ed Tanous" <edtanous@google.com>:` (Yandex): a date and an address, then the colon.
        if head.last == UInt8(ascii: ">") { return head.contains(UInt8(ascii: "@")) }
        if asciiEndVerbs.contains(where: { head.count >= $0.count && head.suffix($0.count).elementsEqual($0) }) { return true }
        return middleVerbBytes.contains { v in
            head.count >= v.count && (head.startIndex...(head.endIndex - v.count)).contains { head[$0..<($0 + v.count)].elementsEqual(v) }
        }
    }

    static func reply(from: Substring, date: Substring?) -> Attribution? {
        var f = from.trimmingCharacters(in: " \t,\u{A0}")[...]
        for p in senderPrefixes where f.lowercased().hasPrefix(p) { f = f.dropFirst(p.count) }
        let d = date.map { $0.trimmingCharacters(in: " \t,\u{A0}") }
        guard !f.isEmpty || d?.isEmpty == false else { return nil }
        return Attribution(form: .replyLine, from: f.isEmpty ? nil : String(f), date: d?.isEmpty == false ? d : nil)
    }

    static func stripIntro(_ s: Substring) -> (text: Substring, hadIntro: Bool) {
        let lower = s.lowercased()
        for intro in intros where lower.hasPrefix(intro) { return (s.dropFirst(intro.count), true) }
        return (s, false)
    }

    /// Splits `<intro> <date>, <sender>` (the sender is after the last comma before its address), or
    /// `<date> <sender>` (the sender starts after the last word holding a digit).
    static func fromAndDate(_ head: Substring) -> Attribution? {
        let (body, _) = stripIntro(head)
        // 于, 於, the Polish and Russian prefixes and the full-width comma are not ASCII: a line of
        // ASCII (most) is searched byte by byte, without splitting it into characters.
        let ascii = !body.utf8.contains(where: { $0 >= 0x80 })
        if !ascii {
            // Chinese: `John <j@x> 于2014年4月29日 下午4:22` — the sender first, the date after 于.
            if let yu = body.firstIndex(where: { $0 == "于" || $0 == "於" }), body[..<yu].contains(where: { !$0.isWhitespace }) {
                return reply(from: body[..<yu], date: body[body.index(after: yu)...])
            }
            let lower = body.lowercased()
            for p in senderPrefixes {
                let marker = " " + p
                if let r = lower.firstRange(of: marker) {
                    let at = lower.distance(from: lower.startIndex, to: r.lowerBound)
                    return reply(from: body.dropFirst(at + marker.count), date: body.prefix(at))
                }
            }
        }
        let addressStart = body.utf8.lastIndex(of: UInt8(ascii: "<")) ?? body.endIndex
        let lastComma = ascii ? body.utf8[..<addressStart].lastIndex(of: UInt8(ascii: ","))
                              : body[..<addressStart].lastIndex(where: { $0 == "," || $0 == "，" })
        if let comma = lastComma {
            var cut = comma
            let sender = body[body.index(after: comma)...]
            let senderName = sender[..<(sender.firstIndex(of: "<") ?? sender.endIndex)]
            if !senderName.contains(where: \.isNumber) {
                // `…, Bounine, Alexandre <a@b>`: a one-word sender after a one-word chunk is `Last, First`.
                if senderName.split(separator: " ").count == 1, let before = body[..<comma].lastIndex(of: ",") {
                    let last = body[body.index(after: before)..<comma]
                    if last.split(separator: " ").count == 1, !last.contains(where: \.isNumber), last.first.map({ $0 == " " }) ?? false,
                       last.dropFirst().first?.isUppercase == true {
                        cut = before
                    }
                }
                return reply(from: body[body.index(after: cut)...], date: body[..<cut])
            }
        }
        // No comma before the sender: the date is every word up to the last one holding a digit.
        let words = body[..<addressStart].split(separator: " ", omittingEmptySubsequences: true)
        if var last = words.lastIndex(where: { $0.contains(where: \.isNumber) && !$0.contains("@") }) {
            // `at 1:54 PM Patrick Williams`: the time's AM/PM and zone are the date's too.
            while last + 1 < words.count, timeWords.contains(words[last + 1].lowercased()) { last += 1 }
            let cut = words[last].endIndex
            return reply(from: body[cut...], date: body[..<cut])
        }
        return reply(from: body, date: nil)
    }

    /// Words after a time that belong to it: `1:54 PM`, `09:43 UTC`.
    static let timeWords: Set<String> = [
        "am", "pm", "a.m.", "p.m.", "utc", "gmt", "cet", "cest", "eet", "eest", "est", "edt", "cst", "cdt", "mst", "mdt",
        "pst", "pdt", "bst", "ist", "jst", "kst", "aest", "aedt", "(utc)", "(gmt)",
    ]

    // MARK: Header blocks

    /// The fields of a quoted header block ListLens reads.
    public enum HeaderKey: Sendable {
        case from, date, to, cc, subject, replyTo
    }

    static let headerKeys: [String: HeaderKey] = {
        var keys: [String: HeaderKey] = [:]
        for k in ["from", "von", "de", "da", "van", "från", "od", "от", "差出人", "发件人", "寄件者", "送信者", "expéditeur", "remitente"] { keys[k] = .from }
        for k in ["sent", "date", "gesendet", "datum", "envoyé", "envoyé le", "enviado", "enviado el", "enviada", "enviada em",
                  "inviato", "data", "verzonden", "skickat", "wysłano", "wysłane", "отправлено", "дата", "送信日時", "日付",
                  "发送时间", "日期", "傳送時間", "時間", "fecha"] { keys[k] = .date }
        for k in ["to", "an", "à", "a", "pour", "para", "aan", "till", "do", "кому", "宛先", "收件人", "收件者", "destinataire"] { keys[k] = .to }
        for k in ["cc", "kopie", "копия", "抄送", "副本"] { keys[k] = .cc }
        for k in ["subject", "betreff", "objet", "sujet", "asunto", "assunto", "oggetto", "onderwerp", "ämne", "temat", "тема",
                  "件名", "主题", "主旨"] { keys[k] = .subject }
        for k in ["reply-to", "répondre à", "antwort an"] { keys[k] = .replyTo }
        return keys
    }()

    /// `From: X`, `*From:* X`, `De : X`, `发件人: X` → (.from, `X`). Nil for any other line.
    public static func headerField(_ line: Substring) -> (key: HeaderKey, value: Substring)? {
        var t = line.drop(while: { $0 == " " || $0 == "\t" })
        guard t.utf8.count <= maxLineLength * 4 else { return nil }
        if t.first == "*" { t = t.dropFirst() }
        guard let colon = t.prefix(24).firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let k: HeaderKey
        if let ascii = asciiKey(t[..<colon].utf8) {
            // Most lines with a colon are prose or code: a byte lookup turns them away without a lowercased copy.
            guard let found = asciiHeaderKeys[ascii] else { return nil }
            k = found
        } else {
            guard let found = headerKeys[t[..<colon].trimmingCharacters(in: " \t*\u{A0}").lowercased()] else { return nil }
            k = found
        }
        let value = t[t.index(after: colon)...].trimmingCharacters(in: " \t*\r\u{A0}")
        return (k, value[...])
    }

    /// ``headerKeys`` written in ASCII, as lowercased bytes.
    static let asciiHeaderKeys: [[UInt8]: HeaderKey] = {
        var keys: [[UInt8]: HeaderKey] = [:]
        for (k, v) in headerKeys where k.utf8.allSatisfy({ $0 < 0x80 }) { keys[Array(k.utf8)] = v }
        return keys
    }()

    /// The bytes lowercased, without spaces, tabs and `*` at their ends; nil when they are not ASCII
    /// (whose lowercasing and trimming are the String functions' work).
    static func asciiKey(_ bytes: some Collection<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for b in bytes {
            guard b < 0x80 else { return nil }
            out.append((0x41...0x5A).contains(b) ? b | 0x20 : b)
        }
        while let b = out.last, b == 0x20 || b == 0x09 || b == UInt8(ascii: "*") { out.removeLast() }
        let lead = out.prefix { $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: "*") }.count
        return lead == 0 ? out : Array(out[lead...])
    }

    /// Fills `attribution` from one header field; true when the line was one.
    @discardableResult
    static func read(_ field: (key: HeaderKey, value: Substring), into attribution: inout Attribution) -> Bool {
        let v = field.value.isEmpty ? nil : String(field.value)
        switch field.key {
        case .from: attribution.from = attribution.from ?? v
        case .date: attribution.date = attribution.date ?? v
        case .subject: attribution.subject = attribution.subject ?? v
        case .to, .cc, .replyTo: break
        }
        return true
    }

    // MARK: Markers

    static let originalMarkers: Set<String> = [
        "original message", "message d'origine", "ursprüngliche nachricht", "mensaje original", "mensagem original",
        "messaggio originale", "oorspronkelijk bericht", "origineel bericht", "ursprungligt meddelande", "originalmeddelande",
        "wiadomość oryginalna", "oryginalna wiadomość", "исходное сообщение", "原始邮件", "原始郵件", "元のメッセージ",
        "original mail", "reply message",
    ]
    static let forwardedMarkers: Set<String> = [
        "forwarded message", "weitergeleitete nachricht", "message transféré", "message réexpédié", "mensaje reenviado",
        "mensagem encaminhada", "messaggio inoltrato", "doorgestuurd bericht", "vidarebefordrat meddelande",
        "wiadomość przekazana dalej", "przekazana wiadomość", "пересылаемое сообщение", "转发的邮件", "轉寄的郵件",
        "転送されたメッセージ", "begin forwarded message", "anfang der weitergeleiteten nachricht",
        "début du message réexpédié", "début du message transféré", "inicio del mensaje reenviado",
        "início da mensagem reencaminhada", "inizio messaggio inoltrato", "begin doorgestuurd bericht",
        "vidarebefordrat brev", "начало пересылаемого сообщения",
    ]

    /// `-----Original Message-----` → .headerBlock; `---------- Forwarded message ---------` or
    /// `Begin forwarded message:` → .forwarded; nil for any other line.
    public static func marker(_ line: Substring) -> Attribution.Form? {
        guard line.utf8.count <= 160 else { return nil }
        if line.utf8.allSatisfy({ $0 < 0x80 }) { return asciiMarker(Array(line.utf8)) }
        let t = line.trimmingCharacters(in: " \t\r\u{A0}")
        let dashed = t.hasPrefix("---") && t.hasSuffix("---")
        let phrase = t.hasSuffix(":") || t.hasSuffix("：")
        guard dashed || phrase else { return nil }
        let inner = t.trimmingCharacters(in: "-:： \t\u{A0}").lowercased()
        if dashed, originalMarkers.contains(inner) { return .headerBlock }
        if forwardedMarkers.contains(inner) { return .forwarded }
        // Lotus Notes' `----- Forwarded by X on <date> -----`, and any other dashed `… forward …` line.
        if dashed, inner.contains("forward") { return .forwarded }
        return nil
    }

    static let asciiOriginalMarkers: Set<[UInt8]> = Set(originalMarkers.filter { $0.utf8.allSatisfy { $0 < 0x80 } }.map { Array($0.utf8) })
    static let asciiForwardedMarkers: Set<[UInt8]> = Set(forwardedMarkers.filter { $0.utf8.allSatisfy { $0 < 0x80 } }.map { Array($0.utf8) })

    /// ``marker(_:)`` for a line of ASCII, in bytes: the same tests, without String copies.
    static func asciiMarker(_ line: [UInt8]) -> Attribution.Form? {
        func trimmed(_ b: ArraySlice<UInt8>, _ set: [UInt8]) -> ArraySlice<UInt8> {
            var b = b
            while let f = b.first, set.contains(f) { b = b.dropFirst() }
            while let l = b.last, set.contains(l) { b = b.dropLast() }
            return b
        }
        let t = trimmed(line[...], [0x20, 0x09, 0x0D])
        let dashed = t.starts(with: "---".utf8) && t.reversed().starts(with: "---".utf8)
        let phrase = t.last == UInt8(ascii: ":")
        guard dashed || phrase else { return nil }
        let inner = Array(trimmed(t, [UInt8(ascii: "-"), UInt8(ascii: ":"), 0x20, 0x09]).map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 })
        if dashed, asciiOriginalMarkers.contains(inner) { return .headerBlock }
        if asciiForwardedMarkers.contains(inner) { return .forwarded }
        if dashed, inner.count >= 7, (0...(inner.count - 7)).contains(where: { inner[$0..<($0 + 7)].elementsEqual("forward".utf8) }) { return .forwarded }
        return nil
    }
}
