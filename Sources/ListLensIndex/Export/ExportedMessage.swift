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
