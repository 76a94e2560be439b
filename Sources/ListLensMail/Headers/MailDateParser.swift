/// Reads RFC 5322 dates and the obsolete and broken forms found in archives.
///
/// `Mon, 1 Jul 2013 22:35:59 +0200`, `1 Jul 13 22:35 EST`, `Mon Jul  1 14:35:59 2013` (asctime,
/// as in mbox separators), `Tue, 02 Jul 2013 10:00:00 +0200 (CEST)`, `2013-07-01 22:35:59`.
/// - SeeAlso: [RFC 5322 §3.3 and §4.3](https://www.rfc-editor.org/rfc/rfc5322#section-3.3)
public enum MailDateParser {
    public enum Failure: Error, Equatable {
        /// Not a date at all.
        case unreadable
        /// A date whose zone offset is impossible (`+50579034`).
        case invalidOffset
    }

    /// Named zones of RFC 5322 §4.3, plus a few European and Asian ones common in the corpora.
    static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "wet": 0,
        "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360, "pst": -480, "pdt": -420,
        "cet": 60, "met": 60, "cest": 120, "mest": 120, "bst": 60, "eet": 120, "eest": 180, "msk": 180,
        "jst": 540, "kst": 540, "hkt": 480, "sgt": 480, "aest": 600, "aedt": 660, "nzst": 720, "nzdt": 780,
    ]

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// A date read, and ``MailDefect/unknownTimezone`` when its zone name was not recognised (read as UTC).
    public struct Parsed: Sendable, Equatable {
        public var date: MailDate
        public var defect: MailDefect?
    }

    /// Parses `text`: `Mon, 1 Jul 2013 22:35:59 +0200` → 2013-07-01T20:35:59Z.
    public static func parse(_ text: String) -> Result<Parsed, Failure> {
        var unknownZone = false
        var tokens: [Substring] = []
        // Comments such as `(CEST)` are dropped; separators are whitespace and commas.
        var depth = 0
        var current = ""
        for ch in text {
            if ch == "(" { depth += 1; continue }
            if ch == ")" { depth = max(0, depth - 1); continue }
            if depth > 0 { continue }
            if ch == " " || ch == "\t" || ch == "," || ch == "\r" || ch == "\n" {
                if !current.isEmpty { tokens.append(Substring(current)); current = "" }
            } else {
                current.append(ch)
            }
            if current.count > HeaderLimits.maxDateTokenLength { return .failure(.unreadable) }
        }
        if !current.isEmpty { tokens.append(Substring(current)) }
        guard tokens.count <= HeaderLimits.maxDateTokens else { return .failure(.unreadable) }

        var day: Int?, month: Int?, year: Int64?
        var hour = 0, minute = 0, second = 0, sawTime = false
        var offset: Int?
        var badOffset = false
        for raw in tokens {
            let t = raw.lowercased()
            if let isoDate = parseISODate(t) {
                (year, month, day) = (isoDate.0, isoDate.1, isoDate.2)
                if let time = isoDate.3 { (hour, minute, second) = time; sawTime = true }
                continue
            }
            if t.contains(":"), !sawTime, let time = parseTime(t) {
                (hour, minute, second) = time; sawTime = true
                continue
            }
            if let first = t.first, first == "+" || first == "-", t.count > 1 {
                let digits = t.dropFirst().filter { $0 != ":" }
                if digits.allSatisfy(\.isASCIIDigitChar) {
                    if digits.count == 4, let v = Int(digits), v / 100 <= 23, v % 100 <= 59 {
                        offset = (first == "-" ? -1 : 1) * (v / 100 * 60 + v % 100)
                    } else if sawTime || day != nil {
                        badOffset = true
                    }
                    continue
                }
            }
            if t == "pm" || t == "am", sawTime {
                // `06:09:22 PM EDT` (notmuch crypto corpus): a 12-hour clock.
                if t == "pm" && hour < 12 { hour += 12 } else if t == "am" && hour == 12 { hour = 0 }
                continue
            }
            if t.allSatisfy(\.isASCIIDigitChar) {
                guard t.count <= 9, let v = Int64(t) else { return .failure(.unreadable) }
                // An unsigned 4-digit token after the time and the year is a zone offset without its sign
                // (`05:35:10 0480`, twisted-python 2009-February spam): minutes above 59 make it impossible.
                if t.count == 4, sawTime, year != nil, day != nil, offset == nil {
                    if v % 100 <= 59 && v / 100 <= 23 { offset = Int(v / 100 * 60 + v % 100) } else { badOffset = true }
                    continue
                }
                if day == nil && v >= 1 && v <= 31 && t.count <= 2 && (month == nil || year == nil) { day = Int(v) }
                else if year == nil { year = v }
                continue
            }
            if month == nil, t.count >= 3, let m = months.firstIndex(of: String(t.prefix(3))),
               t.count == 3 || t.hasPrefix(fullMonth(m)) || t.hasSuffix(".") {
                month = m + 1
                continue
            }
            if let z = zones[t] { if offset == nil { offset = z }; continue }
            if t.count >= 3, t.allSatisfy(\.isLetter) {
                // Weekday names and unknown zone names.
                if !["mon", "tue", "wed", "thu", "fri", "sat", "sun"].contains(String(t.prefix(3))) && sawTime && offset == nil {
                    unknownZone = true
                }
                continue
            }
        }
        guard let d = day, let m = month, var y = year else { return .failure(.unreadable) }
        // Two- and three-digit years (RFC 5322 §4.3).
        if y < 50 { y += 2000 } else if y < 1000 { y += 1900 }
        guard y <= 9999, d <= CivilDate.daysInMonth(y, m), hour <= 23, minute <= 59, second <= 60 else {
            return .failure(.unreadable)
        }
        if badOffset { return .failure(.invalidOffset) }
        let off = offset ?? 0
        let epoch = CivilDate.days(year: y, month: m, day: d) * 86_400
            + Int64(hour * 3600 + minute * 60 + min(second, 59)) - Int64(off * 60)
        _ = sawTime
        return .success(Parsed(date: MailDate(epochSeconds: epoch, offsetMinutes: off), defect: unknownZone ? .unknownTimezone : nil))
    }

    private static func fullMonth(_ m: Int) -> String {
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"][m]
    }

    private static func parseTime(_ t: String) -> (Int, Int, Int)? {
        let parts = t.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCIIDigitChar) }),
              let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        let s = parts.count == 3 ? Int(parts[2]) ?? 0 : 0
        return (h, m, s)
    }

    /// `2013-07-01` or `2013-07-01t22:35:59`.
    private static func parseISODate(_ t: String) -> (Int64, Int, Int, (Int, Int, Int)?)? {
        guard t.count >= 10 else { return nil }
        let u = Array(t.utf8)
        guard u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        let dateParts = t.prefix(10).split(separator: "-")
        guard dateParts.count == 3, let y = Int64(dateParts[0]), let m = Int(dateParts[1]), let d = Int(dateParts[2]),
              (1...12).contains(m), d >= 1 else { return nil }
        var time: (Int, Int, Int)? = nil
        if t.count > 11, u[10] == UInt8(ascii: "t") {
            var rest = String(t.dropFirst(11))
            if let z = rest.firstIndex(where: { $0 == "z" || $0 == "+" || $0 == "-" }) { rest = String(rest[..<z]) }
            if let dot = rest.firstIndex(of: ".") { rest = String(rest[..<dot]) }
            time = parseTime(rest)
        }
        return (y, m, d, time)
    }
}
