/// An archive file an import read to its end, as the store remembers it: what it was then, and where
/// a later import may go on reading it if it only grew.
public struct StoredSourceFile: Sendable, Equatable {
    /// The file's real path (symlinks resolved), as ``SourceRecord/path``.
    public var path: String
    public var fingerprint: SourceFingerprint
    /// For an uncompressed mbox: the offset of the separator line of the last message read, where an
    /// import of the file grown goes on (that message is read again and found stored). Nil for other
    /// files, which are read again whole when they change.
    public var resumeOffset: Int64?

    public init(path: String, fingerprint: SourceFingerprint, resumeOffset: Int64?) {
        self.path = path
        self.fingerprint = fingerprint
        self.resumeOffset = resumeOffset
    }
}
