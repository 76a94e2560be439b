/// A source file's messages whose MIME facts are not known: each one's key, offset and length.
public struct PendingMIMEFacts: Sendable, Equatable {
    public var path: String
    public var messages: [Message]

    public struct Message: Sendable, Equatable {
        public var key: Int64
        public var offset: Int64
        public var length: Int64
        public init(key: Int64, offset: Int64, length: Int64) {
            self.key = key
            self.offset = offset
            self.length = length
        }
    }

    public init(path: String, messages: [Message]) {
        self.path = path
        self.messages = messages
    }
}
