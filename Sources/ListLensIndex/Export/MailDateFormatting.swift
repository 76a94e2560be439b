import ListLensMail

/// Date text for output, from stored epoch seconds.
enum MailDateFormatting {
    /// `2013-07-01T20:35:59Z`.
    static func rfc3339(_ epoch: Int64) -> String { MailDate(epochSeconds: epoch).rfc3339 }
    /// `2013-07-01`.
    static func day(_ epoch: Int64) -> String { String(rfc3339(epoch).prefix(10)) }
}
