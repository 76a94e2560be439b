import ListLensMail

/// The bytes stored messages were read from, found again through their provenance (`source`:
/// the file and the message's offset in its decompressed stream): each file is read again, once,
/// up to the last message wanted from it. HTML archive pages give the message rebuilt from them.
public enum OriginalBytes {
    /// Why a message's bytes cannot be given.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// A message's place: its file and offset.
    public struct Place: Hashable, Sendable {
        public var path: String
        public var offset: Int64
        public init(path: String, offset: Int64) { self.path = path; self.offset = offset }
        public init(_ source: ExportedMessage.Source) { self.init(path: source.path, offset: source.offset) }
    }

    /// The raw message at each source, read file by file. Throws when a file is gone or no longer
    /// holds a message where the import found one (it changed since).
    public static func read(_ sources: [ExportedMessage.Source]) throws -> [Place: RawMessage] {
        var found: [Place: RawMessage] = [:]
        let byPath = Dictionary(grouping: sources, by: \.path)
        for (path, wanted) in byPath.sorted(by: { $0.key < $1.key }) {
            guard path != "-" else { throw Failure(path: "standard input", reason: "its bytes were not kept; import the file itself to keep them") }
            // `archive.zip!member`: the zip's member.
            var file = path, member: String? = nil
            if let bang = path.range(of: ".zip!", options: .backwards) {
                file = String(path[..<bang.lowerBound]) + ".zip"
                member = String(path[bang.upperBound...])
            }
            let reader: ArchiveReader
            do { reader = try ArchiveReader(path: file) } catch { throw Failure(path: file, reason: "cannot be read again (\(error))") }
            var remaining = Set(wanted.map(\.offset))
            let lengths = Dictionary(wanted.map { ($0.offset, $0.length) }, uniquingKeysWith: { a, _ in a })
            let last = remaining.max() ?? 0
            while !remaining.isEmpty, let raw = try reader.next() {
                guard raw.member == member else { continue }
                if remaining.remove(raw.offset) != nil {
                    guard raw.length == lengths[raw.offset] else {
                        throw Failure(path: path, reason: "changed since it was imported (the message at byte \(raw.offset) is another length)")
                    }
                    found[Place(path: path, offset: raw.offset)] = raw
                }
                if member == nil && raw.offset > last { break }
            }
            if let missing = remaining.min() {
                throw Failure(path: path, reason: "changed since it was imported (no message starts at byte \(missing))")
            }
        }
        return found
    }
}
