import ListLensAnalysis
import ListLensMail

/// One message in the JSON export contract (docs/json-output.md, version 1).
///
/// Field names are the contract: never rename one; add fields and bump the minor version.
public struct ExportedMessage: Codable, Sendable, Equatable {
    public struct Person: Codable, Sendable, Equatable {
        public var name: String?
        public var address: String?
        public init(name: String?, address: String?) {
            self.name = name
            self.address = address
        }
    }

    /// Where the message's bytes are: the file (`x.zip!member` inside a zip), and the byte range
    /// in its decompressed stream.
    public struct Source: Codable, Sendable, Equatable {
        public var path: String
        public var offset: Int64
        public var length: Int64
        public init(path: String, offset: Int64, length: Int64) {
            self.path = path
            self.offset = offset
            self.length = length
        }
    }

    public var messageID: String
    public var list: String?
    public var date: String?
    public var from: Person
    public var to: [Person]
    public var cc: [Person]
    public var subject: String
    public var inReplyTo: [String]
    public var references: [String]
    public var participant: String?
    public var organization: String?
    public var threadID: String?
    public var parent: String?
    public var parentMethod: String?
    public var tags: [String]
    public var text: String
    public var authoredText: String
    public var quotedText: String
    public var source: Source
    public var defects: [String]
    /// `listlens inspect` only: the MIME tree, in depth-first order. Absent from `export`.
    public var mime: [MIMENode]?
    /// The body segments in body order, each quoted one with the message it quotes (`export`) or who
    /// its attribution names (`inspect`, which reads no store).
    public var segments: [Segment]?
    /// What the store knows of the quoted segments' sources, by segment position: filled by the
    /// store, turned into ``segments`` by the exporter. Not part of the contract.
    public var quoteSources: [Int: Segment.Source]?
    /// What the message's HTML said of its text's lines, as stored: filled by the store, read by
    /// the exporter's segmentation. Not part of the contract.
    public var textMarks: [TextMark]?
    /// The footer learned for the message's list, as stored: filled by the store, read by the
    /// exporter's segmentation. Not part of the contract.
    public var listFooter: ListFooter?
    /// `listlens inspect` only: what named the list (`list-id`, `list-post`, `folder`). Absent from `export`.
    public var listSource: String?

    public struct MIMENode: Codable, Sendable, Equatable {
        /// `1`, `1.2`, … (IMAP-style part numbers; the message itself is `0`).
        public var part: String
        public var contentType: String
        public var charset: String?
        public var transferEncoding: String
        public var disposition: String?
        public var filename: String?
        public var bytes: Int
        /// True for the parts whose text makes up `text`.
        public var shown: Bool

        public init(part: String, contentType: String, charset: String?, transferEncoding: String, disposition: String?,
                    filename: String?, bytes: Int, shown: Bool) {
            self.part = part
            self.contentType = contentType
            self.charset = charset
            self.transferEncoding = transferEncoding
            self.disposition = disposition
            self.filename = filename
            self.bytes = bytes
            self.shown = shown
        }

        /// The contract's names (docs/json-output.md).
        enum CodingKeys: String, CodingKey {
            case part, contentType = "content_type", charset, transferEncoding = "transfer_encoding", disposition,
                 filename, bytes, shown
        }

        /// Every key is written, `null` included.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(part, forKey: .part)
            try c.encode(contentType, forKey: .contentType)
            try c.encode(charset, forKey: .charset)
            try c.encode(transferEncoding, forKey: .transferEncoding)
            try c.encode(disposition, forKey: .disposition)
            try c.encode(filename, forKey: .filename)
            try c.encode(bytes, forKey: .bytes)
            try c.encode(shown, forKey: .shown)
        }
    }

    public struct Segment: Codable, Sendable, Equatable {
        public var kind: String
        public var depth: Int
        public var text: String
        /// For an attribution or forwarded header, what it says; for quoted text, the attribution of
        /// the quote it is in. Null when the body names no one.
        public var attribution: Attribution?
        /// `export` only, for a quoted segment the quote attribution pass read: the message it quotes.
        public var source: Source?

        /// Where a quoted segment comes from. `messageID` and `participant` are null for an unknown source.
        public struct Source: Codable, Sendable, Equatable {
            public var messageID: String?
            public var participant: String?
            public var confidence: Double?
            /// `cite`, `ancestor`, `shingles` or `unknown`.
            public var method: String

            public init(messageID: String?, participant: String?, confidence: Double?, method: String) {
                self.messageID = messageID
                self.participant = participant
                self.confidence = confidence
                self.method = method
            }

            enum CodingKeys: String, CodingKey { case messageID = "message_id", participant, confidence, method }

            /// Every key is written, `null` included.
            public func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(messageID, forKey: .messageID)
                try c.encode(participant, forKey: .participant)
                try c.encode(confidence, forKey: .confidence)
                try c.encode(method, forKey: .method)
            }
        }

        public init(kind: String, depth: Int, text: String, attribution: Attribution? = nil, source: Source? = nil) {
            self.kind = kind
            self.depth = depth
            self.text = text
            self.attribution = attribution
            self.source = source
        }

        enum CodingKeys: String, CodingKey { case kind, depth, text, attribution, source }

        /// Every key is written, `null` included; `source` only in `export`.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(depth, forKey: .depth)
            try c.encode(text, forKey: .text)
            try c.encode(attribution, forKey: .attribution)
            try c.encodeIfPresent(source, forKey: .source)
        }
    }

    /// Who a quote is from, as the body says: `form` is `reply-line` (`On … X wrote:`), `header-block`
    /// (Outlook's `From:`/`Sent:` block, `-----Original Message-----`), `forwarded`, or `cite` (only
    /// the HTML's `<blockquote cite="mid:…">` names it).
    public struct Attribution: Codable, Sendable, Equatable {
        public var form: String
        /// The sender as written: `Ann Lee <ann@x.example>`, a name, or an address.
        public var from: String?
        public var name: String?
        public var address: String?
        public var date: String?
        public var subject: String?
        /// The quoted message's Message-ID, where the HTML's `cite="mid:…"` names it.
        public var messageID: String?

        public init(form: String, from: String?, name: String?, address: String?, date: String?, subject: String?,
                    messageID: String? = nil) {
            self.form = form
            self.from = from
            self.name = name
            self.address = address
            self.date = date
            self.subject = subject
            self.messageID = messageID
        }

        enum CodingKeys: String, CodingKey { case form, from, name, address, date, subject, messageID = "message_id" }

        /// Every key is written, `null` included.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(form, forKey: .form)
            try c.encode(from, forKey: .from)
            try c.encode(name, forKey: .name)
            try c.encode(address, forKey: .address)
            try c.encode(date, forKey: .date)
            try c.encode(subject, forKey: .subject)
            try c.encode(messageID, forKey: .messageID)
        }
    }

    public init(messageID: String, list: String?, date: String?, from: Person, to: [Person], cc: [Person], subject: String,
                inReplyTo: [String], references: [String], participant: String?, organization: String?, threadID: String?,
                parent: String?, parentMethod: String?, tags: [String], text: String, authoredText: String, quotedText: String,
                source: Source, defects: [String], mime: [MIMENode]? = nil, segments: [Segment]? = nil) {
        self.messageID = messageID
        self.list = list
        self.date = date
        self.from = from
        self.to = to
        self.cc = cc
        self.subject = subject
        self.inReplyTo = inReplyTo
        self.references = references
        self.participant = participant
        self.organization = organization
        self.threadID = threadID
        self.parent = parent
        self.parentMethod = parentMethod
        self.tags = tags
        self.text = text
        self.authoredText = authoredText
        self.quotedText = quotedText
        self.source = source
        self.defects = defects
        self.mime = mime
        self.segments = segments
    }

    /// The contract version written by this code.
    public static let schemaVersion = "1.11"
}

extension ExportedMessage {
    /// The contract's names (docs/json-output.md); Swift names are camel-cased.
    enum CodingKeys: String, CodingKey {
        case messageID = "message_id", list, date, from, to, cc, subject, inReplyTo = "in_reply_to", references,
             participant, organization, threadID = "thread_id", parent, parentMethod = "parent_method", tags, text,
             authoredText = "authored_text", quotedText = "quoted_text", source, defects, mime, segments,
             listSource = "list_source"
    }

    /// Every contract key is written, `null` included (synthesized Codable would drop nil keys);
    /// the inspect-only keys only when set.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(messageID, forKey: .messageID)
        try c.encode(list, forKey: .list)
        try c.encode(date, forKey: .date)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        try c.encode(cc, forKey: .cc)
        try c.encode(subject, forKey: .subject)
        try c.encode(inReplyTo, forKey: .inReplyTo)
        try c.encode(references, forKey: .references)
        try c.encode(participant, forKey: .participant)
        try c.encode(organization, forKey: .organization)
        try c.encode(threadID, forKey: .threadID)
        try c.encode(parent, forKey: .parent)
        try c.encode(parentMethod, forKey: .parentMethod)
        try c.encode(tags, forKey: .tags)
        try c.encode(text, forKey: .text)
        try c.encode(authoredText, forKey: .authoredText)
        try c.encode(quotedText, forKey: .quotedText)
        try c.encode(source, forKey: .source)
        try c.encode(defects, forKey: .defects)
        try c.encodeIfPresent(mime, forKey: .mime)
        try c.encodeIfPresent(segments, forKey: .segments)
        try c.encodeIfPresent(listSource, forKey: .listSource)
    }
}

extension ExportedMessage.Person {
    private enum CodingKeys: String, CodingKey { case name, address }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(address, forKey: .address)
    }
}
