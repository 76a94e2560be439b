import ListLensMail

/// A file, or a member of one, that an import could not use or left out, with a stable reason code.
///
/// The library never renders these to text for people; the CLI does (`x.gz: file is truncated …`).
/// Descriptions never quote message content.
public struct ImportIssue: Sendable, Codable, Equatable {
    /// Why, as a stable code: the ``ArchiveError/Code`` values, plus `missing` and `not-mail`.
    public struct Code: Hashable, Sendable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public init(_ code: ArchiveError.Code) { rawValue = code.rawValue }
        public var description: String { rawValue }
        public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(rawValue)
        }

        /// A path given to the import does not exist.
        public static let missing = Code("missing")
        /// A file met in a folder (or a zip member) that is not a mail archive: left alone.
        public static let notMail = Code("not-mail")
    }

    /// The file as given or met in a folder.
    public var file: String
    /// The zip member, when the issue is inside a zip file.
    public var member: String?
    /// Byte offset in the (decompressed) stream where it was seen, when known.
    public var offset: Int64?
    public var code: Code
    /// What happened, for people, without the file name: `file is truncated; messages before that point were read`.
    public var reason: String

    public init(file: String, member: String? = nil, offset: Int64? = nil, code: Code, reason: String) {
        self.file = file
        self.member = member
        self.offset = offset
        self.code = code
        self.reason = reason
    }

    /// The issue an ``ArchiveError`` stands for.
    public init(_ error: ArchiveError, member: String? = nil) {
        self.init(file: error.path, member: member, offset: error.offset, code: Code(error.code), reason: error.reason)
    }
}
