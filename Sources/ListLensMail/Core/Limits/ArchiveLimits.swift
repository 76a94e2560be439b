/// Named limits for reading archive files: message size, read chunks, zip members, mboxcl headers.
///
/// Every limit on input in ListLensMail lives in this folder, with the number's source, so a reader
/// sees in one place what ListLens cuts and why. A limit that cuts a message records a ``MailDefect``
/// or quarantines it; one that cuts a file is an ``ArchiveError``.
public struct ArchiveLimits: Sendable {
    /// Largest message kept whole. Postfix's default `message_size_limit` is 10 MB; list archives
    /// hold larger ones (scrubbed attachments kept inline), so 64 MiB leaves room and still bounds memory.
    public var maxMessageBytes: Int = 64 << 20
    /// Read chunk size: 1 MiB reads with memchr scanning ran at 3.5 GB/s here (TOOLCHAIN.md §5).
    public var chunkBytes: Int = 1 << 20

    public init() {}

    /// Most members read from one zip file. groups.io exports hold one mbox per topic folder, a few
    /// hundred at most; the bound keeps a hostile central directory from costing memory.
    public static let maxZipMembers = 100_000
    /// Longest header block searched for `Content-Length` when an mboxcl separator is checked
    /// (postfix's `header_size_limit` is 100 KiB per field; a whole block rarely passes 64 KiB).
    public static let maxContentLengthHeaderBytes = 256 * 1024
    /// Most digits read from a `Content-Length` value: twelve digits (under a terabyte) can never
    /// overflow `Int`, and no mbox message is that large.
    public static let maxContentLengthDigits = 12
}
