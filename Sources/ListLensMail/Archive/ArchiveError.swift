#if canImport(Glibc)
import Glibc
#endif

/// A failure to read an archive file as a whole: the file cannot be used, or stops early.
///
/// Problems inside one message are never errors; they are ``MailDefect``s on that message.
/// Descriptions name the file and, where it applies, the byte offset; they never quote content.
/// Callers switch on ``code`` (a small extensible set, like NIO's error structs); the cases
/// behind it are this package's own and may grow.
public struct ArchiveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, as a stable reason code: `unreadable`, `not-an-archive`, `corrupt-compression`,
    /// `truncated`, `empty-directory`. The codes are part of the JSON contract of import failures.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The file could not be opened or read.
        public static let unreadable = Code("unreadable")
        /// The file exists but is not an archive format ListLens reads.
        public static let notAnArchive = Code("not-an-archive")
        /// Compressed data is corrupt.
        public static let corruptCompression = Code("corrupt-compression")
        /// The file ends in the middle of a compressed stream or a zip member.
        public static let truncated = Code("truncated")
        /// A directory was given but holds no archive file.
        public static let emptyDirectory = Code("empty-directory")
    }

    package enum Kind: Sendable, Equatable {
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

    package var kind: Kind
    public var path: String
    /// Byte offset in the (decompressed) stream where the problem was seen, when known.
    public var offset: Int64?

    package init(_ kind: Kind, path: String, offset: Int64? = nil) {
        self.kind = kind
        self.path = path
        self.offset = offset
    }

    public var code: Code {
        switch kind {
        case .unreadable: return .unreadable
        case .notAnArchive: return .notAnArchive
        case .corruptCompression: return .corruptCompression
        case .truncated: return .truncated
        case .emptyDirectory: return .emptyDirectory
        }
    }

    /// The reason without the path and offset: `not a mail archive (empty file)`.
    public var reason: String {
        switch kind {
        case .unreadable(let code): return "cannot read: \(String(cString: strerror(code)))"
        case .notAnArchive(let detail): return "not a mail archive (\(detail))"
        case .corruptCompression(let detail): return detail
        case .truncated: return "file is truncated; messages before that point were read"
        case .emptyDirectory: return "directory holds no mail archive"
        }
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
