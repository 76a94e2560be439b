/// The archive file messages come from, as the store records it; messages inside a zip add their
/// member to the path (`x.zip!messages.mbox`).
public struct SourceRecord: Sendable, Equatable {
    /// The file's real path (symlinks resolved).
    public var path: String
    /// The sniffed format (``ListLensMail/ArchiveFormat`` raw value: `mbox`, `message`, `zip`, `html`).
    public var format: String
    public var compressed: Bool
    public var size: Int64

    public init(path: String, format: String, compressed: Bool, size: Int64) {
        self.path = path
        self.format = format
        self.compressed = compressed
        self.size = size
    }

    /// The path of one member's messages: `x.zip!messages.mbox`, or the file's path.
    public func path(member: String?) -> String { member.map { path + "!" + $0 } ?? path }
}
