/// One message in the JSON export contract (docs/json-output.md, version 1).
///
/// Field names are the contract: never rename one; add fields and bump the minor version.
public struct ExportedMessage: Codable, Sendable, Equatable {
    public struct Person: Codable, Sendable, Equatable {
        public var name: String?
        public var address: String?
    }

    public struct Source: Codable, Sendable, Equatable {
        public var path: String
        public var offset: Int64
        public var length: Int64
    }

    public var message_id: String
    public var list: String?
    public var date: String?
    public var from: Person
    public var to: [Person]
    public var cc: [Person]
    public var subject: String
    public var in_reply_to: [String]
    public var references: [String]
    public var participant: String?
    public var organization: String?
    public var thread_id: String?
    public var parent: String?
    public var parent_method: String?
    public var tags: [String]
    public var text: String
    public var authored_text: String
    public var quoted_text: String
    public var source: Source
    public var defects: [String]
    /// `listlens inspect` only: the MIME tree, in depth-first order. Absent from `export`.
    public var mime: [MIMENode]?
    /// `listlens inspect` only: the body segments in body order. Absent from `export`.
    public var segments: [Segment]?

    public struct MIMENode: Codable, Sendable, Equatable {
        /// `1`, `1.2`, … (IMAP-style part numbers; the message itself is `0`).
        public var part: String
        public var content_type: String
        public var charset: String?
        public var transfer_encoding: String
        public var disposition: String?
        public var filename: String?
        public var bytes: Int
        /// True for the parts whose text makes up `text`.
        public var shown: Bool
    }

    public struct Segment: Codable, Sendable, Equatable {
        public var kind: String
        public var depth: Int
        public var text: String
    }

    /// The contract version written by this code.
    public static let schemaVersion = "1.0"
}

extension ExportedMessage {
    private enum CodingKeys: String, CodingKey {
        case message_id, list, date, from, to, cc, subject, in_reply_to, references, participant, organization,
             thread_id, parent, parent_method, tags, text, authored_text, quoted_text, source, defects, mime, segments
    }

    /// Every contract key is written, `null` included (synthesized Codable would drop nil keys);
    /// the inspect-only keys only when set.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(message_id, forKey: .message_id)
        try c.encode(list, forKey: .list)
        try c.encode(date, forKey: .date)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        try c.encode(cc, forKey: .cc)
        try c.encode(subject, forKey: .subject)
        try c.encode(in_reply_to, forKey: .in_reply_to)
        try c.encode(references, forKey: .references)
        try c.encode(participant, forKey: .participant)
        try c.encode(organization, forKey: .organization)
        try c.encode(thread_id, forKey: .thread_id)
        try c.encode(parent, forKey: .parent)
        try c.encode(parent_method, forKey: .parent_method)
        try c.encode(tags, forKey: .tags)
        try c.encode(text, forKey: .text)
        try c.encode(authored_text, forKey: .authored_text)
        try c.encode(quoted_text, forKey: .quoted_text)
        try c.encode(source, forKey: .source)
        try c.encode(defects, forKey: .defects)
        try c.encodeIfPresent(mime, forKey: .mime)
        try c.encodeIfPresent(segments, forKey: .segments)
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
