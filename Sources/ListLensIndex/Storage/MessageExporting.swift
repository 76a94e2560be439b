/// A store that hands out every stored message in the export contract's shape.
public protocol MessageExporting: Sendable {
    /// Calls `body` with each message, oldest first (undated last), reading through a cursor:
    /// memory stays flat whatever the store's size.
    func forEachExportedMessage(_ body: (ExportedMessage) throws -> Void) throws
}
