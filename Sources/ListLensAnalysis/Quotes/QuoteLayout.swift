/// Where a body's quotes and own words are, stored beside its authored and quoted texts so that the
/// quote attribution pass reads them instead of segmenting the body again (segmenting was half of
/// that pass's time).
///
/// It holds what the pass needs and the stored texts leave out: for each quoted segment, its
/// position among the body's segments, its depth, its length in the stored quoted text
/// (``QuotedText/quoted``: the quoted segments joined by blank lines) and the Message-ID its HTML
/// cites; and where the authored and signature segments fall, so that the sender's own text
/// (``QuoteMatcher/ownText(_:)``) is put together from the stored authored text and signature text
/// exactly as from the segments.
public struct QuoteLayout: Sendable, Equatable {
    public struct Quote: Sendable, Equatable {
        /// Its position among the body's segments (what `quote_source.segment` and export count).
        public var segment: Int
        public var depth: Int
        /// UTF-8 bytes of its text.
        public var length: Int
        /// The Message-ID its HTML cites (``Attribution/messageID``), if it cites one.
        public var citedMessageID: String?

        public init(segment: Int, depth: Int, length: Int, citedMessageID: String? = nil) {
            self.segment = segment
            self.depth = depth
            self.length = length
            self.citedMessageID = citedMessageID
        }
    }

    /// An authored segment (its text is in ``QuotedText/authored``) or a depth-0 signature (its text is
    /// in ``signatureText(of:)``), in body order, with its length in UTF-8 bytes.
    public enum OwnPart: Sendable, Equatable {
        case authored(depth: Int, length: Int)
        case signature(length: Int)
    }

    public var quotes: [Quote]
    public var ownParts: [OwnPart]

    public init(quotes: [Quote], ownParts: [OwnPart]) {
        self.quotes = quotes
        self.ownParts = ownParts
    }

    public init(segments: [BodySegment]) {
        var quotes: [Quote] = []
        var own: [OwnPart] = []
        for (i, s) in segments.enumerated() {
            switch s.kind {
            case .quoted:
                quotes.append(Quote(segment: i, depth: s.depth, length: s.text.utf8.count, citedMessageID: s.attribution?.messageID))
            case .authored:
                own.append(.authored(depth: s.depth, length: s.text.utf8.count))
            case .signature where s.depth == 0:
                own.append(.signature(length: s.text.utf8.count))
            default:
                break
            }
        }
        self.init(quotes: quotes, ownParts: own)
    }

    /// The depth-0 signature segments' texts, joined by newlines (nil for none): what is stored beside
    /// the layout, since ``QuotedText`` leaves signatures out.
    public static func signatureText(of segments: [BodySegment]) -> String? {
        let parts = segments.filter { $0.kind == .signature && $0.depth == 0 }.map(\.text)
        return parts.isEmpty ? nil : parts.joined(separator: "\n")
    }

    /// Each quote's text, cut from `quotedText` (``QuotedText/quoted`` of the same segments); nil
    /// when the lengths do not fit it (a layout stored for another text).
    public func quoteTexts(in quotedText: String) -> [String]? {
        Self.cut(quotedText, lengths: quotes.map(\.length), separator: 2)
    }

    /// The sender's own text, exactly as ``QuoteMatcher/ownText(_:)`` gives it from the segments;
    /// nil when the lengths do not fit the texts.
    public func ownText(authoredText: String, signatureText: String?) -> String? {
        var authoredLengths: [Int] = []
        var signatureLengths: [Int] = []
        for part in ownParts {
            switch part {
            case .authored(_, let length): authoredLengths.append(length)
            case .signature(let length): signatureLengths.append(length)
            }
        }
        guard let authored = Self.cut(authoredText, lengths: authoredLengths, separator: 2),
              let signatures = Self.cut(signatureText ?? "", lengths: signatureLengths, separator: 1) else { return nil }
        var a = authored.makeIterator(), s = signatures.makeIterator()
        var own: [String] = []
        for part in ownParts {
            switch part {
            case .authored(let depth, _):
                if let text = a.next(), depth == 0 { own.append(text) }
            case .signature:
                if let text = s.next() { own.append(text) }
            }
        }
        return own.joined(separator: "\n")
    }

    /// `text` cut into pieces of `lengths` UTF-8 bytes, each after the first preceded by `separator`
    /// newlines; nil unless they cover it exactly.
    static func cut(_ text: String, lengths: [Int], separator: Int) -> [String]? {
        let bytes = Array(text.utf8)
        var pieces: [String] = []
        pieces.reserveCapacity(lengths.count)
        var at = 0
        for (i, length) in lengths.enumerated() {
            if i > 0 {
                guard bytes.count - at >= separator, bytes[at..<(at + separator)].allSatisfy({ $0 == 0x0A }) else { return nil }
                at += separator
            }
            guard length >= 0, length <= bytes.count - at else { return nil }
            pieces.append(String(decoding: bytes[at..<(at + length)], as: UTF8.self))
            at += length
        }
        return at == bytes.count ? pieces : nil
    }
}

extension QuoteLayout {
    /// The layout as one line of text for storage: its quotes, then its own parts, each in body
    /// order: `q 3 1 240` (quoted: segment, depth, length), `q 5 1 96 cited@example.org` (and the
    /// Message-ID its HTML cites), `a 0 120` (authored: depth, length), `s 12` (signature: length);
    /// empty for none.
    public func encoded() -> String {
        let quoted = quotes.map { q in
            var entry = "q \(q.segment) \(q.depth) \(q.length)"
            // Cited ids never hold `;` or spaces (``TextMark`` refuses such cites); one that did would not round-trip.
            if let id = q.citedMessageID, !id.isEmpty, !id.contains(where: { $0 == ";" || $0 == " " }) { entry += " " + id }
            return entry
        }
        let own = ownParts.map { part in
            switch part {
            case .authored(let depth, let length): "a \(depth) \(length)"
            case .signature(let length): "s \(length)"
            }
        }
        return (quoted + own).joined(separator: ";")
    }

    /// Reads what ``encoded()`` wrote; nil when an entry cannot be read (the layout is then not
    /// trusted, and the body is segmented again). Read in bytes: the passes read one per message.
    public init?(encoded: String) {
        var quotes: [Quote] = []
        var own: [OwnPart] = []
        var text = encoded
        let readable = text.withUTF8 { bytes -> Bool in
            var at = 0
            while at < bytes.count {
                var end = at
                while end < bytes.count, bytes[end] != UInt8(ascii: ";") { end += 1 }
                defer { at = end + 1 }
                // The entry's words: its kind, up to three numbers, then (a quote's) cited Message-ID.
                var words: [Range<Int>] = []
                var i = at
                while i < end, words.count < 4 {
                    while i < end, bytes[i] == 0x20 { i += 1 }
                    guard i < end else { break }
                    let start = i
                    while i < end, bytes[i] != 0x20 { i += 1 }
                    words.append(start..<i)
                }
                while i < end, bytes[i] == 0x20 { i += 1 }
                let rest = i < end ? String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self) : nil
                guard let kind = words.first else { continue }   // an empty entry
                var numbers: [Int] = []
                for w in words.dropFirst() {
                    guard let n = Self.number(bytes[w]) else { return false }
                    numbers.append(n)
                }
                switch (kind.count == 1 ? bytes[kind.lowerBound] : 0, numbers.count, rest) {
                case (UInt8(ascii: "q"), 3, _):
                    quotes.append(Quote(segment: numbers[0], depth: numbers[1], length: numbers[2], citedMessageID: rest))
                case (UInt8(ascii: "a"), 2, nil):
                    own.append(.authored(depth: numbers[0], length: numbers[1]))
                case (UInt8(ascii: "s"), 1, nil):
                    own.append(.signature(length: numbers[0]))
                default:
                    return false
                }
            }
            return true
        }
        guard readable else { return nil }
        self.init(quotes: quotes, ownParts: own)
    }

    /// Decimal digits as a number; nil for anything else, or a number too large for `Int`.
    static func number(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard !digits.isEmpty else { return nil }
        var n = 0
        for b in digits {
            guard b >= 0x30, b <= 0x39 else { return nil }
            let (times, o1) = n.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int(b - 0x30))
            guard !o1, !o2 else { return nil }
            n = sum
        }
        return n
    }
}
