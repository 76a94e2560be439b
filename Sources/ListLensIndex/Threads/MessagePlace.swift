/// One stored message as `listlens show` gives it: the message with its segments, and where it
/// sits in its thread.
public struct MessagePlace: Sendable {
    /// The message, with `segments` (``Exporter/withSegments(_:)``).
    public var message: ExportedMessage
    public var threadID: String
    /// Its place in the thread read depth first (from 1), of `threadSize` messages.
    public var position: Int
    public var threadSize: Int
    /// Its level in the thread's tree: 0 for a root.
    public var level: Int
    /// The Message-IDs of the thread's messages that answer it, oldest first.
    public var replies: [String]

    public enum Failure: Error, Equatable {
        /// No published message has that Message-ID.
        case notFound(String)
    }

    /// The message with this Message-ID (`<>` optional) in its thread.
    public static func find(_ messageID: String, in store: any MessageExporting) throws -> MessagePlace {
        let id = messageID.trimmingCharacters(in: " <>")
        guard let key = try store.threadKey(ofMessageID: id) else { throw Failure.notFound(messageID) }
        let messages = try store.exportedMessages(inThread: key)
        guard let stored = messages.first(where: { $0.messageID == id }) else { throw Failure.notFound(messageID) }
        let view = ThreadReader.layout(threadID: key, messages: messages)
        let index = view.messages.firstIndex { $0.messageID == id } ?? 0
        return MessagePlace(message: Exporter.withSegments(stored), threadID: key, position: index + 1, threadSize: view.messages.count,
                            level: view.messages.indices.contains(index) ? view.messages[index].level : 0,
                            replies: view.messages.filter { $0.parent == id && $0.messageID != id }.map(\.messageID))
    }
}
