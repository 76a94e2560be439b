/// One thread as people read it: its messages as a tree, each with what its author wrote and the
/// quoted points each part answers, and whose those were (docs/json-output.md, `listlens thread`).
public struct ThreadView: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var messageID: String
        /// The message it answers in this thread, and how that was found (`in-reply-to`, `quote`, …).
        public var parent: String?
        public var parentMethod: String?
        /// Its level in the tree: 0 for a root.
        public var level: Int
        public var date: String?
        public var from: ExportedMessage.Person
        public var participant: String?
        public var subject: String
        /// The body in order: the points it quotes and what its author wrote after each.
        public var parts: [Part]

        enum CodingKeys: String, CodingKey {
            case messageID = "message_id", parent, parentMethod = "parent_method", level, date, from, participant, subject, parts
        }

        /// Every key is written, `null` included.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(messageID, forKey: .messageID)
            try c.encode(parent, forKey: .parent)
            try c.encode(parentMethod, forKey: .parentMethod)
            try c.encode(level, forKey: .level)
            try c.encode(date, forKey: .date)
            try c.encode(from, forKey: .from)
            try c.encode(participant, forKey: .participant)
            try c.encode(subject, forKey: .subject)
            try c.encode(parts, forKey: .parts)
        }
    }

    /// A quoted point (`kind` `quote`, with whose it was) or the author's own words (`kind` `reply`).
    public struct Part: Codable, Sendable, Equatable {
        public var kind: String
        public var depth: Int
        public var text: String
        /// For a quote: the message quoted, when found (``QuoteAttributionPass``).
        public var source: ExportedMessage.Segment.Source?
        /// For a quote: who the body says wrote it, when it says.
        public var attributedTo: String?

        enum CodingKeys: String, CodingKey { case kind, depth, text, source, attributedTo = "attributed_to" }

        /// Every key is written, `null` included.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(depth, forKey: .depth)
            try c.encode(text, forKey: .text)
            try c.encode(source, forKey: .source)
            try c.encode(attributedTo, forKey: .attributedTo)
        }
    }

    public var threadID: String
    public var subject: String
    public var messages: [Entry]

    enum CodingKeys: String, CodingKey { case threadID = "thread_id", subject, messages }
}
