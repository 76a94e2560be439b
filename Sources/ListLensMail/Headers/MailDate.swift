/// An instant read from a mail date: seconds since 1970 UTC, and the zone offset it was written in.
public struct MailDate: Sendable, Equatable, Hashable, Codable {
    public var epochSeconds: Int64
    /// The written offset from UTC, in minutes (0 when unknown).
    public var offsetMinutes: Int

    public init(epochSeconds: Int64, offsetMinutes: Int = 0) {
        self.epochSeconds = epochSeconds
        self.offsetMinutes = offsetMinutes
    }

    /// The instant of ``rfc3339`` as written (`2013-07-01T20:35:59Z`, UTC, years 1000 to 9999);
    /// nil for any other text.
    public init?(rfc3339 text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              bytes[19] == UInt8(ascii: "Z"), let day = CalendarPeriod(String(decoding: bytes[0..<10], as: UTF8.self)) else { return nil }
        var clock: [Int64] = []
        for start in [11, 14, 17] {
            let (a, b) = (bytes[start], bytes[start + 1])
            guard (0x30...0x39).contains(a), (0x30...0x39).contains(b) else { return nil }
            clock.append(Int64(a - 0x30) * 10 + Int64(b - 0x30))
        }
        guard clock[0] < 24, clock[1] < 60, clock[2] < 60 else { return nil }
        self.init(epochSeconds: day.start + clock[0] * 3600 + clock[1] * 60 + clock[2])
    }

    /// RFC 3339 in UTC with a `Z`: `2013-07-01T20:35:59Z`.
    public var rfc3339: String {
        let days = epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400
        let secs = Int(epochSeconds - days * 86_400)
        let (y, m, d) = CivilDate.fromDays(days)
        guard (0...9999).contains(y) else {
            func pad(_ v: Int, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
            return "\(pad(Int(y), 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secs / 3600, 2)):\(pad(secs / 60 % 60, 2)):\(pad(secs % 60, 2))Z"
        }
        // Written as bytes: reports print this for every row, and building it from padded strings
        // cost a report of every person on a million messages a tenth of its time.
        return String(unsafeUninitializedCapacity: 20) { out in
            var i = 0
            func put(_ v: Int, _ width: Int) {
                var v = v, p = i + width
                while p > i { p -= 1; out[p] = UInt8(ascii: "0") + UInt8(v % 10); v /= 10 }
                i += width
            }
            func put(_ c: Unicode.Scalar) { out[i] = UInt8(ascii: c); i += 1 }
            put(Int(y), 4); put("-"); put(m, 2); put("-"); put(d, 2); put("T")
            put(secs / 3600, 2); put(":"); put(secs / 60 % 60, 2); put(":"); put(secs % 60, 2); put("Z")
            return i
        }
    }
}
