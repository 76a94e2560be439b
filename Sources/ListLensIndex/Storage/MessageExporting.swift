/// A store that hands out every stored message in the export contract's shape.
public protocol MessageExporting: Sendable {
    /// Calls `body` with each message, oldest first (undated last), reading through a cursor:
    /// memory stays flat whatever the store's size.
    func forEachExportedMessage(_ body: (ExportedMessage) throws -> Void) throws
    /// The messages of one thread (by its key), oldest first; none when no thread has that key.
    func exportedMessages(inThread key: String) throws -> [ExportedMessage]
    /// The key of the thread holding the message with this Message-ID, if it is stored and published.
    func threadKey(ofMessageID messageID: String) throws -> String?
}
