/// Extracts Message-IDs from `Message-ID`, `In-Reply-To` and `References` values.
public enum MessageIDs {

    /// Every `<id>` in the value, brackets removed, in order, without repeats.
    ///
    /// `In-Reply-To: Other person's message of <date> <id@host>` yields only the bracketed ids
    /// (hyperkitty's strange-in-reply-to case).
    public static func all(in value: [UInt8]) -> [String] {
        var ids: [String] = []
        var seen = Set<String>()
        var i = 0
        while i < value.count {
            guard value[i] == UInt8(ascii: "<") else { i += 1; continue }
            var j = i + 1
            var id: [UInt8] = []
            while j < value.count, value[j] != UInt8(ascii: ">"), value[j] != UInt8(ascii: "<") {
                if !value[j].isFWSByte { id.append(value[j]) }
                j += 1
            }
            if j < value.count, value[j] == UInt8(ascii: ">"), !id.isEmpty, id.count <= HeaderLimits.maxMessageIDLength {
                let s = String(decoding: id, as: UTF8.self)
                if seen.insert(s).inserted { ids.append(s) }
                i = j + 1
            } else {
                i = j
            }
        }
        return ids
    }

    /// True when a bracketed id is longer than ``HeaderLimits/maxMessageIDLength`` (``all(in:)`` leaves it out).
    public static func hasOverlongID(_ value: [UInt8]) -> Bool {
        var start: Int? = nil
        for (i, b) in value.enumerated() {
            if b == UInt8(ascii: "<") { start = i }
            else if b == UInt8(ascii: ">"), let s = start {
                if i - s - 1 > HeaderLimits.maxMessageIDLength { return true }
                start = nil
            }
        }
        return false
    }

    /// True when a `<` opens an id that no `>` closes (hyperkitty's wrong-in-reply-to case).
    public static func hasUnclosedID(_ value: [UInt8]) -> Bool {
        var open = false
        for b in value {
            if b == UInt8(ascii: "<") { if open { return true }; open = true }
            else if b == UInt8(ascii: ">") { open = false }
        }
        return open
    }

    /// The id of a `Message-ID` value, and whether it had to be repaired to be read.
    public struct Primary: Sendable, Equatable {
        public var id: String
        /// Set for the repaired forms; the message then carries ``MailDefect/invalidMessageID``.
        public var repaired: Bool
    }

    /// The id of a `Message-ID` value: the first bracketed id, else a repaired one.
    ///
    /// Repairs: a bare `id@host` without brackets, and an unclosed bracket with whitespace inside, as
    /// in twisted-python 2005-January: `<1104874643.31904.249.camel@6 webmail.nil8r.net`.
    public static func primary(in value: [UInt8]) -> Primary? {
        if let first = all(in: value).first { return Primary(id: first, repaired: false) }
        var trimmed = HeaderBlock.unfold(value[...])
        if trimmed.first == UInt8(ascii: "<") { trimmed.removeFirst() }
        trimmed.removeAll { $0.isFWSByte || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "<") }
        guard !trimmed.isEmpty, trimmed.count <= HeaderLimits.maxMessageIDLength, trimmed.contains(UInt8(ascii: "@")) else { return nil }
        return Primary(id: String(decoding: trimmed, as: UTF8.self), repaired: true)
    }
}
