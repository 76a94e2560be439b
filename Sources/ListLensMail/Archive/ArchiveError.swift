#if canImport(Glibc)
import Glibc
#endif

/// A failure to read an archive file as a whole: the file cannot be used, or stops early.
///
/// Problems inside one message are never errors; they are ``MailDefect``s on that message.
/// Descriptions name the file and, where it applies, the byte offset; they never quote content.
public struct ArchiveError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The file could not be opened or read (`errno` from the system).
        case unreadable(errno: Int32)
        /// The file exists but is not an archive format ListLens reads.
        case notAnArchive(detail: String)
        /// Compressed data is corrupt.
        case corruptCompression(detail: String)
        /// The file ends in the middle of a compressed stream.
        case truncated
        /// A directory was given but holds no archive file.
        case emptyDirectory
    }

    public var kind: Kind
    public var path: String
    /// Byte offset in the (decompressed) stream where the problem was seen, when known.
    public var offset: Int64?

    public init(_ kind: Kind, path: String, offset: Int64? = nil) {
        self.kind = kind
        self.path = path
        self.offset = offset
    }

    public var description: String {
        let at = offset.map { " at byte \($0)" } ?? ""
        switch kind {
        case .unreadable(let code):
            return "\(path): cannot read\(at): \(String(cString: strerror(code)))"
        case .notAnArchive(let detail):
            return "\(path): not a mail archive (\(detail))"
        case .corruptCompression(let detail):
            return "\(path): \(detail)\(at)"
        case .truncated:
            return "\(path): file is truncated\(at); messages before that point were read"
        case .emptyDirectory:
            return "\(path): directory holds no mail archive"
        }
    }
}
