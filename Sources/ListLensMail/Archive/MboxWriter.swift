/// Writes messages as an mbox (mboxrd) a mail client opens: each message after a `From ` line,
/// its lines that start with `From ` (after any `>`s) quoted with one more `>`, and a blank line
/// after it. The inverse of ``MboxReader``, which removes one `>` from such lines.
public enum MboxWriter {
    /// One message as an mbox entry. The `From ` line is the archive's own separator when it had
    /// one (`envelope`), else `sender` (or `MAILER-DAEMON`) and `date` in asctime form, UTC.
    public static func entry(_ message: [UInt8], envelope: [UInt8]?, sender: String?, date: MailDate?) -> [UInt8] {
        var out: [UInt8] = Array("From ".utf8)
        if let envelope, !envelope.isEmpty, !envelope.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
            out += envelope
        } else {
            let who = sender.map { $0.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F } ? $0 : "MAILER-DAEMON" } ?? "MAILER-DAEMON"
            out += Array(who.utf8) + [0x20] + Array(asctime(date?.epochSeconds ?? 0).utf8)
        }
        out.append(0x0A)
        out.reserveCapacity(out.count + message.count + 64)
        var lineStart = true
        var i = 0
        while i < message.count {
            if lineStart {
                // `>*From ` gains one `>`.
                var j = i
                while j < message.count, message[j] == UInt8(ascii: ">") { j += 1 }
                if message.count - j >= 5, message[j..<(j + 5)].elementsEqual("From ".utf8) { out.append(UInt8(ascii: ">")) }
            }
            let b = message[i]
            out.append(b)
            lineStart = b == 0x0A
            i += 1
        }
        if !lineStart { out.append(0x0A) }
        out.append(0x0A)
        return out
    }

    /// `Mon Jul  1 20:35:59 2013`: the date form of mbox `From ` lines, UTC.
    static func asctime(_ epochSeconds: Int64) -> String {
        let days = epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400
        let secs = Int(epochSeconds - days * 86_400)
        let (y, m, d) = CivilDate.fromDays(days)
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekday = weekdays[Int(((days % 7) + 7) % 7)]
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let day = d < 10 ? " \(d)" : "\(d)"
        return "\(weekday) \(months[m - 1]) \(day) \(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60)) \(y)"
    }
}
