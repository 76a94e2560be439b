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
            let lengths = Dictionary(wanted.map { ($0.offset, $0.length) }, uniquingKeysWith: { a, _ in a })
            let missing = try forEach(in: path, lengths: lengths) { raw in
                found[Place(path: path, offset: raw.offset)] = raw
            }
            if let offset = missing.changed.min() {
                throw Failure(path: path, reason: "changed since it was imported (the message at byte \(offset) is another length)")
            }
            if let offset = missing.absent.min() {
                throw Failure(path: path, reason: "changed since it was imported (no message starts at byte \(offset))")
            }
        }
        return found
    }

    /// Offsets ``forEach(in:lengths:_:)`` did not give a message for.
    public struct Missing: Sendable, Equatable {
        /// A message starts there, of another length than the one stored.
        public var changed: Set<Int64> = []
        /// No message starts there.
        public var absent: Set<Int64> = []
    }

    /// Reads the file (or `archive.zip!member`) at `path` once, up to the last offset wanted, and
    /// gives `body` the message at each offset of `lengths` whose length is the one stored. Throws
    /// ``Failure`` when the file cannot be read (gone, standard input).
    public static func forEach(in path: String, lengths: [Int64: Int64], _ body: (RawMessage) throws -> Void) throws -> Missing {
        guard path != "-" else { throw Failure(path: "standard input", reason: "its bytes were not kept; import the file itself to keep them") }
        // `archive.zip!member`: the zip's member.
        var file = path, member: String? = nil
        if let bang = path.range(of: ".zip!", options: .backwards) {
            file = String(path[..<bang.lowerBound]) + ".zip"
            member = String(path[bang.upperBound...])
        }
        let reader: ArchiveReader
        do { reader = try ArchiveReader(path: file) } catch { throw Failure(path: file, reason: "cannot be read again (\(error))") }
        var remaining = Set(lengths.keys)
        var missing = Missing()
        let last = remaining.max() ?? 0
        while !remaining.isEmpty, let raw = try reader.next() {
            guard raw.member == member else { continue }
            if remaining.remove(raw.offset) != nil {
                if raw.length == lengths[raw.offset] { try body(raw) } else { missing.changed.insert(raw.offset) }
            }
            if member == nil && raw.offset > last { break }
        }
        missing.absent = remaining
        return missing
    }
}
