/// One message as it sits in an archive: its bytes and where they came from.
///
/// `offset` and `length` cover the message in the archive's byte stream (after gzip
/// decompression), separator line included, so any figure can be traced back to the bytes.
public struct RawMessage: Sendable {
    /// The message bytes (headers and body), mboxrd `>From ` escapes removed.
    public var bytes: [UInt8]
    /// The mbox separator line after `From `, without the line end (`user at host  Mon Jul 1 …`).
    public var envelope: [UInt8]?
    /// Byte offset of the message (its separator line, for mbox) in the decompressed stream.
    public var offset: Int64
    /// Length in bytes in the decompressed stream, separator line included.
    public var length: Int64
    /// The archive member holding the message (`messages.mbox` inside a zip), or nil for a plain file.
    public var member: String?
    /// Set when the message was larger than ``ArchiveLimits/maxMessageBytes``: `bytes` then holds
    /// only its first bytes, and the importer quarantines it.
    public var oversized: Bool
    /// Set when the archive stopped inside this message (a truncated file): `bytes` hold what was
    /// read of it, and the importer quarantines it with that reason.
    public var truncated = false
    /// Where the bytes come from: mail as written, or a message rebuilt from an HTML archive page.
    public var origin: Origin = .mail

    public enum Origin: String, Sendable {
        /// Bytes as the archive holds them.
        case mail
        /// Headers and text rebuilt from a pipermail, hypermail or MHonArc page (UTF-8 header values).
        case htmlArchive = "html-archive"
        /// An HTML body with no headers at all (the seed case): read as one message.
        case bareHTML = "bare-html"
        /// A plain-text body with no headers (a labelled reply set's case), read by `listlens inspect`.
        case bareText = "bare-text"
    }

    public init(bytes: [UInt8], envelope: [UInt8]? = nil, offset: Int64, length: Int64, oversized: Bool = false, member: String? = nil) {
        self.bytes = bytes
        self.member = member
        self.envelope = envelope
        self.offset = offset
        self.length = length
        self.oversized = oversized
    }
}
