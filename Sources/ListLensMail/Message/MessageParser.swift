/// Parses raw message bytes into a ``Message``. Never throws: malformed input gives defects.
///
/// Stateless and safe to call from many threads at once.
public struct MessageParser: Sendable {
    public var headerLimits = HeaderLimits()
    public var mimeLimits = MIMELimits()
    /// Read a `multipart/alternative`'s HTML part instead of its plain one (to see or check the HTML).
    public var preferHTML = false

    public init(preferHTML: Bool = false) { self.preferHTML = preferHTML }

    public func parse(_ raw: RawMessage) -> Message {
        var defects: [MailDefect] = []
        let bytes = raw.bytes
        let (headers, bodyStart) = HeaderBlock.parse(bytes[...], limits: headerLimits, defects: &defects)

        // Message-ID, or a stable synthetic one from the content (same bytes, same id).
        var messageID: String
        var synthetic = false
        if let f = headers.first("message-id") {
            if let primary = MessageIDs.primary(in: Array(f.rawValue)) {
                messageID = primary.id
                if primary.repaired { defects.append(.invalidMessageID) }
            } else {
                defects.append(.invalidMessageID)
                messageID = Self.syntheticID(bytes)
                synthetic = true
            }
        } else {
            defects.append(.missingMessageID)
            messageID = Self.syntheticID(bytes)
            synthetic = true
        }

        var sawNonASCII = false
        func value(_ name: String) -> [UInt8]? {
            guard let f = headers.first(name) else { return nil }
            let v = HeaderBlock.unfold(f.rawValue)
            if !sawNonASCII, v.contains(where: { $0 >= 0x80 }) { sawNonASCII = true }
            return v
        }
        var badWord = false

        var from: Mailbox? = nil
        if let v = value("from") {
            let r = AddressParser.parse(v)
            from = r.mailboxes.first
            if r.obfuscated { defects.append(.obfuscatedAddress) }
            if r.invalidEncodedWord { badWord = true }
        }
        if from == nil { defects.append(.missingFrom) }
        // RFC 5322 §3.6: these appear at most once. A repeat is a defect; repeated To and Cc are merged
        // so no recipient is lost.
        for name in Self.singleInstance where headers.all(name).count > 1 {
            defects.append(.duplicateHeader)
            break
        }
        func mailboxes(_ name: String) -> [Mailbox] {
            headers.all(name).flatMap { AddressParser.parse(HeaderBlock.unfold($0.rawValue)).mailboxes }
        }
        let to = mailboxes("to")
        let cc = mailboxes("cc")

        let decodedSubject = value("subject").map { EncodedWord.decode($0) }
        let subject = decodedSubject?.text ?? ""
        if decodedSubject?.defect != nil { badWord = true }
        let inReplyTo = value("in-reply-to").map { MessageIDs.all(in: $0) } ?? []
        let references = value("references").map { MessageIDs.all(in: $0) } ?? []
        if [value("in-reply-to"), value("references")].contains(where: { v in
            v.map { MessageIDs.hasUnclosedID($0) || MessageIDs.hasOverlongID($0) } ?? false
        }) {
            defects.append(.invalidReferences)
        }
        let listID = value("list-id").flatMap { MessageIDs.all(in: $0).first }
        let listPost = value("list-post").flatMap { MessageIDs.all(in: $0).first }.flatMap { id -> String? in
            guard id.lowercased().hasPrefix("mailto:") else { return nil }
            let address = String(id.dropFirst(7).prefix { $0 != "?" })
            return address.contains("@") ? address : nil
        }

        var threadIndex: ThreadIndex? = nil
        if let v = value("thread-index") {
            let parsed = ThreadIndex.parse(v)
            threadIndex = parsed.index
            if parsed.damaged { defects.append(.invalidThreadIndex) }
        }
        let gmailThreadID = value("x-gm-thrid").flatMap(Self.gmailThreadID)

        var (date, dateSource) = parseDate(value("date"), envelope: raw.envelope, headers: headers, defects: &defects)
        if date == nil { dateSource = .none }
        if badWord { defects.append(.invalidEncodedWord) }
        if sawNonASCII { defects.append(.nonASCIIHeader) }

        let tree = MIMETree.build(bytes: bytes, headers: headers, body: bodyStart..<bytes.count,
                                  limits: mimeLimits, defects: &defects)
        let (text, textParts, textMarks) = BodyText.extract(bytes: bytes, tree: tree, preferHTML: preferHTML, defects: &defects)

        if raw.origin == .bareHTML || raw.origin == .bareText {
            // One defect says it all: without headers, every header is missing.
            let implied: Set<MailDefect> = [.missingMessageID, .missingFrom, .missingDate]
            defects.removeAll { implied.contains($0) }
            defects.insert(.noHeaders, at: 0)
        }
        if raw.origin == .htmlArchive { defects.removeAll { $0 == .nonASCIIHeader } }   // UTF-8 values we wrote

        return Message(messageID: messageID, messageIDIsSynthetic: synthetic, from: from, to: to, cc: cc,
                       date: date, dateSource: dateSource, subject: subject, inReplyTo: inReplyTo,
                       references: references, listID: listID, listPost: listPost, threadIndex: threadIndex,
                       gmailThreadID: gmailThreadID, text: text, textMarks: textMarks, headers: headers, mime: tree,
                       textParts: textParts, defects: Self.unique(defects))
    }

    private func parseDate(_ header: [UInt8]?, envelope: [UInt8]?, headers: HeaderBlock,
                           defects: inout [MailDefect]) -> (MailDate?, Message.DateSource) {
        if let header {
            switch MailDateParser.parse(HeaderBlock.decodeRaw(header).text) {
            case .success(let parsed):
                if let defect = parsed.defect { defects.append(defect) }
                return (parsed.date, .header)
            case .failure(.invalidOffset): defects.append(.invalidTimezoneOffset)
            case .failure(.unreadable): defects.append(.invalidDate)
            }
        } else {
            defects.append(.missingDate)
        }
        // Fall back to the mbox separator's asctime date (the delivery time, in UTC by convention).
        if let envelope {
            if case .success(let parsed) = MailDateParser.parse(HeaderBlock.decodeRaw(envelope).text) {
                return (parsed.date, .envelope)
            }
        }
        // Then the Received chain: each hop prepends its header, so the last one is the earliest;
        // its date follows the last `;` (RFC 5321 §4.4).
        for field in headers.all("received").reversed() {
            let text = HeaderBlock.decodeRaw(HeaderBlock.unfold(field.rawValue)).text
            guard let semicolon = text.lastIndex(of: ";") else { continue }
            if case .success(let parsed) = MailDateParser.parse(String(text[text.index(after: semicolon)...])) {
                return (parsed.date, .received)
            }
        }
        return (nil, .none)
    }

    /// `X-GM-THRID`'s decimal id (a 64-bit number: at most 20 digits), trimmed; nil for anything else.
    static func gmailThreadID(_ value: [UInt8]) -> String? {
        let digits = value.drop { $0.isFWSByte }.prefix { !$0.isFWSByte }
        guard !digits.isEmpty, digits.count <= 20, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return String(decoding: digits, as: UTF8.self)
    }

    static let singleInstance = ["from", "sender", "reply-to", "to", "cc", "bcc", "message-id", "in-reply-to",
                                 "references", "subject", "date"]

    /// `<sha256-prefix>@listlens.invalid`: stable for the same bytes, never clashing with a real id.
    static func syntheticID(_ bytes: [UInt8]) -> String {
        "listlens-" + SHA256.hex(bytes).prefix(32) + "@listlens.invalid"
    }

    private static func unique(_ defects: [MailDefect]) -> [MailDefect] {
        var seen = Set<MailDefect>()
        return defects.filter { seen.insert($0).inserted }
    }
}
