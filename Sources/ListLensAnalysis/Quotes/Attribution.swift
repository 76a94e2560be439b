import ListLensText

/// Who wrote a quoted message and when, as its attribution line or header block says it.
///
/// Values are the text the body gives (`"John Doe <john@doe.example>"`, `"24.02.2015 um 22:48"`), not
/// parsed further: the quote matcher compares them with stored messages, the CLI shows them.
public struct Attribution: Sendable, Equatable, Codable {
    /// What introduced the quote.
    public enum Form: String, Sendable, Codable {
        /// `On … X wrote:` and its translations.
        case replyLine = "reply-line"
        /// Outlook's `From:` / `Sent:` / `To:` / `Subject:` block, or a `-----Original Message-----` line.
        case headerBlock = "header-block"
        /// A forwarded message: `---------- Forwarded message ----------`, `Begin forwarded message:`.
        case forwarded
        /// Nothing but the HTML: a `<blockquote cite="mid:…">` names the quoted message (``messageID``).
        case cite
    }

    public var form: Form
    /// The sender as written: a name, `Name <address>`, or an address.
    public var from: String?
    public var date: String?
    /// Only header blocks carry one.
    public var subject: String?
    /// The quoted message's Message-ID, where the HTML's `<blockquote cite="mid:…">` names it.
    public var messageID: String?

    public init(form: Form, from: String? = nil, date: String? = nil, subject: String? = nil, messageID: String? = nil) {
        self.form = form
        self.from = from
        self.date = date
        self.subject = subject
        self.messageID = messageID
    }

    /// The name part of ``from``: `John Doe` of `"John Doe" <john@doe.example>`, or nil for a bare address.
    /// Outlook's `"list on behalf of John Doe"` is John Doe.
    public var name: String? {
        guard let from else { return nil }
        var s = Substring(from)
        // `list on behalf of John Doe` (Outlook for Mac), `a@b [mailto:a@b] On Behalf Of John Doe` (Outlook).
        if let behalf = s.lowercased().firstRange(of: " on behalf of ") {
            let lower = s.lowercased()
            let start = lower.distance(from: lower.startIndex, to: behalf.upperBound)
            let before = s.prefix(lower.distance(from: lower.startIndex, to: behalf.lowerBound))
            if before.firstIndex(of: "<") == nil { s = s.dropFirst(start) }
        }
        if let bracket = s.firstIndex(of: "["), s[bracket...].contains("@") { s = s[..<bracket] }   // Outlook's `Name [mailto:a@b]`
        if let lt = s.firstIndex(of: "<") { s = s[..<lt] } else if s.contains("@") { return nil }
        let trimmed = s.trimmingCharacters(in: " \t\"'(")
        return trimmed.isEmpty ? nil : String(trimmed)
    }

    /// The address part of ``from``, lowercased: `john@doe.example` of `John Doe <john@doe.example>`.
    public var address: String? {
        guard let from else { return nil }
        var s = Substring(from)
        if let lt = s.firstIndex(of: "<"), let gt = s[lt...].firstIndex(of: ">") {
            s = s[s.index(after: lt)..<gt]
            if let behalf = s.firstRange(of: " on behalf of ") { s = s[behalf.upperBound...] }   // `<list-bounces… on behalf of a@b>`
        } else if let m = s.firstRange(of: "mailto:") {
            s = s[m.upperBound...].prefix { $0 != "]" && $0 != " " }
        } else if let at = s.firstIndex(of: "@") {
            let start = s[..<at].lastIndex(where: { $0 == " " || $0 == "(" }).map(s.index(after:)) ?? s.startIndex
            let end = s[at...].firstIndex(where: { $0 == " " || $0 == ")" }) ?? s.endIndex
            s = s[start..<end]
        } else {
            return nil
        }
        let trimmed = s.trimmingCharacters(in: " \t")
        return trimmed.contains("@") ? trimmed.lowercased() : nil
    }
}

extension Attribution {
    /// The attribution's date as minutes since 1970 on the writer's wall clock (no time zone: the
    /// line rarely gives one), or nil when the text has no year, month, day, hour and minute.
    ///
    /// `Sun, 14 Nov 2010 19:05:00 -0800`, `Tuesday, April 29, 2014 4:22 PM`, `2014-04-29 16:22`,
    /// `29.04.2014 um 16:22`, `29 avr. 2014 à 16:22` all read; a message sent at epoch `t` matches
    /// when the two differ by a whole time zone (``matches(localMinute:epochSeconds:)``).
    public var localMinute: Int64? { date.flatMap { Self.localMinute(of: $0)?.minute } }

    /// The attribution's date in minutes since 1970 UTC, when it gives its zone (`-0800`, `+0100`, `GMT`).
    public var utcMinute: Int64? { clock.flatMap { $0.zoned ? $0.minute : nil } }

    /// The attribution's date in seconds since 1970 UTC, when it gives its zone and its seconds
    /// (`Sun, 14 Nov 2010 19:05:00 -0800`, as `git send-email` and Mutt write): a series of patches
    /// sent within one minute is told apart by it.
    public var utcSecond: Int64? { clock?.second }

    /// The attribution's date as the index keeps it, read once: what ``utcMinute`` gives, else
    /// ``localMinute``; whether that minute is UTC; and ``utcSecond``.
    public var clock: Clock? {
        guard let date, let parsed = Self.localMinute(of: date) else { return nil }
        guard let zone = parsed.zone else { return Clock(minute: parsed.minute, zoned: false, second: nil) }
        let utc = parsed.minute - Int64(zone)
        return Clock(minute: utc, zoned: true, second: parsed.second.map { utc * 60 + Int64($0) })
    }

    /// An attribution's date reduced to what threading compares (``clock``).
    public struct Clock: Sendable, Equatable {
        /// Minutes since 1970: UTC when ``zoned``, else on the writer's wall clock.
        public var minute: Int64
        /// True when the line gave its time zone, so ``minute`` is UTC.
        public var zoned: Bool
        /// Seconds since 1970 UTC, when the line gave its zone and its seconds.
        public var second: Int64?
    }

    /// True when a message sent at `epochSeconds` is the one an attribution dated `localMinute` means:
    /// the same minute (give or take one) on some wall clock from UTC−12 to UTC+14, in whole or half hours.
    public static func matches(localMinute: Int64, epochSeconds: Int64) -> Bool {
        let d = localMinute - epochSeconds / 60
        let r = ((d % 30) + 30) % 30   // within a minute of a whole or half hour: clients round the seconds
        return d >= -12 * 60 - 1 && d <= 14 * 60 + 1 && (r <= 1 || r == 29)
    }

    /// Month names and abbreviations, in the attribution languages that write them in Latin letters.
    static let months: [String: Int] = {
        var m: [String: Int] = [:]
        let names: [[String]] = [
            ["jan", "january", "januar", "janv", "janvier", "ene", "enero", "janeiro", "gennaio", "gen", "januari", "januari", "sty", "styczeń", "stycznia"],
            ["feb", "february", "februar", "févr", "fevr", "février", "febrero", "fev", "fevereiro", "febbraio", "februari", "lut", "lutego"],
            ["mar", "march", "märz", "mars", "marzo", "março", "mrt", "maart", "mars", "marca", "marzec"],
            ["apr", "april", "avr", "avril", "abr", "abril", "aprile", "kwi", "kwietnia"],
            ["may", "mai", "mayo", "maio", "maggio", "mag", "mei", "maj", "maja"],
            ["jun", "june", "juni", "juin", "junio", "junho", "giugno", "giu", "cze", "czerwca"],
            ["jul", "july", "juli", "juil", "juillet", "julio", "julho", "luglio", "lug", "lip", "lipca"],
            ["aug", "august", "août", "aout", "ago", "agosto", "augustus", "sie", "sierpnia"],
            ["sep", "sept", "september", "septembre", "septiembre", "set", "setembro", "settembre", "wrz", "września"],
            ["oct", "october", "oktober", "okt", "octobre", "octubre", "out", "outubro", "ottobre", "ott", "paź", "października"],
            ["nov", "november", "novembre", "noviembre", "novembro", "lis", "listopada"],
            ["dec", "december", "dezember", "dez", "déc", "décembre", "dic", "diciembre", "dezembro", "dicembre", "grudnia", "gru"],
        ]
        for (i, list) in names.enumerated() { for n in list { m[n] = i + 1 } }
        return m
    }()

    /// The wall-clock minute, and the zone's offset in minutes when the text gives one.
    static func localMinute(of text: String) -> (minute: Int64, zone: Int?, second: Int?)? {
        guard text.count <= 120 else { return nil }
        var zone: Int? = nil
        var second: Int? = nil
        var year: Int?, month: Int?, day: Int?, hour: Int?, minute: Int?
        var pm = false, am = false
        var numbers: [Int] = []   // day and month numbers in date order, before the year is known
        // Tokens: runs of letters, or of digits; separators are everything else. `14:05` gives 14, 05.
        var tokens: [(text: String, isNumber: Bool, next: Character?)] = []
        var current = ""
        var currentIsNumber = false
        let chars = Array(text.lowercased())
        for (k, c) in chars.enumerated() {
            let isDigit = c.isASCII && c.isNumber
            if isDigit || c.isLetter {
                if !current.isEmpty, currentIsNumber != isDigit {
                    tokens.append((current, currentIsNumber, c))
                    current = ""
                }
                current.append(c)
                currentIsNumber = isDigit
            } else if !current.isEmpty {
                tokens.append((current, currentIsNumber, c))
                current = ""
            }
            if k == chars.count - 1, !current.isEmpty { tokens.append((current, currentIsNumber, nil)) }
        }
        var t = 0
        while t < tokens.count {
            let tok = tokens[t]
            if tok.isNumber, tok.text.count == 4, t > 0, let v = Int(tok.text), hour != nil, zone == nil,
               let sign = Self.signBefore(tok, in: text), v % 100 < 60, v / 100 <= 14 {
                zone = sign * (v / 100 * 60 + v % 100)   // `-0800`
                t += 1
                continue
            }
            if !tok.isNumber, hour != nil, zone == nil, tok.text == "gmt" || tok.text == "utc" || tok.text == "z" {
                zone = 0
            }
            if tok.isNumber, let v = Int(tok.text) {
                if tok.next == ":", hour == nil, t + 1 < tokens.count, tokens[t + 1].isNumber, let m = Int(tokens[t + 1].text), v < 24, m < 60 {
                    hour = v
                    minute = m
                    t += 2
                    if t < tokens.count, tokens[t - 1].next == ":", tokens[t].isNumber, let sec = Int(tokens[t].text), sec < 61 {
                        second = sec
                        t += 1
                    }
                    continue
                }
                if tok.text.count == 4, year == nil, (1970...2100).contains(v) { year = v } else if v >= 1, v <= 31 { numbers.append(v) }
            } else if let m = months[tok.text] ?? months[String(tok.text.prefix(3))], tok.text.count >= 3, month == nil {
                month = m
            } else if tok.text == "pm" || tok.text == "p" && tok.next == "." { pm = true } else if tok.text == "am" { am = true }
            t += 1
        }
        if month == nil {
            // Numbers only: year first (2014-04-29) or day first (29.04.2014); US order is not guessed.
            guard numbers.count >= 2 else { return nil }
            let isoOrder = text.first?.isNumber == true && text.prefix(4).allSatisfy(\.isNumber)
            (day, month) = isoOrder ? (numbers[1], numbers[0]) : (numbers[0], numbers[1])
        } else {
            day = numbers.first
        }
        guard let y = year, let mo = month, let d = day, var h = hour, let mi = minute, (1...12).contains(mo), (1...31).contains(d) else { return nil }
        if pm, h < 12 { h += 12 }
        if am, h == 12 { h = 0 }
        return (Self.daysFromCivil(y, mo, d) * 1440 + Int64(h * 60 + mi), zone, second)
    }

    /// +1 or −1 when the four digits `token` are written right after `+` or `-` in `text`.
    static func signBefore(_ token: (text: String, isNumber: Bool, next: Character?), in text: String) -> Int? {
        let lower = text.lowercased()
        for (sign, s) in [(1, "+"), (-1, "-")] where lower.contains(s + token.text) { return sign }
        return nil
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static func daysFromCivil(_ y: Int, _ m: Int, _ d: Int) -> Int64 {
        let y = m <= 2 ? y - 1 : y
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int64(era * 146_097 + doe - 719_468)
    }
}
