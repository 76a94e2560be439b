import ListLensMail
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What an import records of an archive file it read whole, so that the next import can tell, mostly
/// without reading it, whether the file is as it was, only grew, or changed (``SourceChange``).
///
/// Size, modification time and a hash of the first and last ``blockSize`` bytes are read at once;
/// the hash of the whole content (XXH64) settles what those leave open: a file touched or copied
/// (a new time, the same bytes), or one that grew (its old bytes still its start).
public struct SourceFingerprint: Sendable, Equatable {
    /// Bytes hashed at each end of the file.
    public static let blockSize = 65_536

    public var size: Int64
    /// Modification time, nanoseconds since 1970.
    public var modified: Int64
    /// XXH64 of the first `min(blockSize, size)` bytes.
    public var head: UInt64
    /// XXH64 of the last `min(blockSize, size)` bytes.
    public var tail: UInt64
    /// XXH64 of the whole file.
    public var content: UInt64

    public init(size: Int64, modified: Int64, head: UInt64, tail: UInt64, content: UInt64) {
        self.size = size
        self.modified = modified
        self.head = head
        self.tail = tail
        self.content = content
    }

    /// The file's size and time, and the hashes of its ends; `content` is left 0 (``full(path:)``).
    static func quick(path: String) throws -> SourceFingerprint { try read(path: path, content: false) }

    /// The same, with the hash of the whole file (reads all of it).
    static func full(path: String) throws -> SourceFingerprint { try read(path: path, content: true) }

    private static func read(path: String, content: Bool) throws -> SourceFingerprint {
        let file = try OpenFile(path: path)
        defer { file.close() }
        let size = file.size
        let block = min(Int64(blockSize), size)
        return SourceFingerprint(size: size, modified: file.modified, head: try file.hash(from: 0, count: block),
                                 tail: try file.hash(from: size - block, count: block),
                                 content: content ? try file.hash(from: 0, count: size) : 0)
    }

    /// The fingerprint of the file at `path` when it only grew since `stored` was recorded: its old
    /// bytes still its start (ends first, then all of them) and a separator line (`From `) at
    /// `resumeAt`; nil otherwise. The hash of the old bytes goes on over the new ones, so the file is
    /// read once.
    static func grown(path: String, from stored: SourceFingerprint, resumeAt: Int64) throws -> SourceFingerprint? {
        let file = try OpenFile(path: path)
        defer { file.close() }
        let block = min(Int64(blockSize), stored.size)
        guard file.size > stored.size, resumeAt <= stored.size,
              try file.hash(from: 0, count: block) == stored.head,
              try file.hash(from: stored.size - block, count: block) == stored.tail else { return nil }
        var separator = [UInt8](repeating: 0, count: 5)
        guard try separator.withUnsafeMutableBytes({ try file.read(into: $0, at: resumeAt) }) == 5,
              separator == Array("From ".utf8) else { return nil }
        var content = XXH64()
        try file.update(&content, from: 0, count: stored.size)
        guard content.digest == stored.content else { return nil }
        try file.update(&content, from: stored.size, count: file.size - stored.size)
        let newBlock = min(Int64(blockSize), file.size)
        return SourceFingerprint(size: file.size, modified: file.modified, head: try file.hash(from: 0, count: newBlock),
                                 tail: try file.hash(from: file.size - newBlock, count: newBlock), content: content.digest)
    }

    /// A file open for hashing stretches of it with `pread(2)`.
    private struct OpenFile {
        let fd: Int32
        let path: String
        let size: Int64
        let modified: Int64
        /// What one read takes: big enough that calls cost nothing beside hashing.
        static let chunk = 1 << 20

        init(path: String) throws {
            self.path = path
            fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw ArchiveError(.unreadable(errno: errno), path: path) }
            var st = stat()
            guard fstat(fd, &st) == 0 else {
                let error = errno
                _ = Glibc.close(fd)
                throw ArchiveError(.unreadable(errno: error), path: path)
            }
            size = Int64(st.st_size)
            let (seconds, nanoseconds) = (Int64(st.st_mtim.tv_sec), Int64(st.st_mtim.tv_nsec))
            let (ns, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
            modified = overflow ? seconds : ns &+ nanoseconds
        }

        func close() { _ = Glibc.close(fd) }

        /// XXH64 of `count` bytes from `offset` (fewer when the file ends first).
        func hash(from offset: Int64, count: Int64) throws -> UInt64 {
            var h = XXH64()
            try update(&h, from: offset, count: count)
            return h.digest
        }

        /// Adds `count` bytes from `offset` to `h` (fewer when the file ends first).
        func update(_ h: inout XXH64, from offset: Int64, count: Int64) throws {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Int(min(Int64(Self.chunk), max(count, 1))), alignment: 16)
            defer { buffer.deallocate() }
            var done: Int64 = 0
            while done < count {
                let want = Int(min(Int64(buffer.count), count - done))
                let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]), at: offset + done)
                if n == 0 { break }
                h.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
                done += Int64(n)
            }
        }

        func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
            while true {
                let n = pread(fd, buffer.baseAddress, buffer.count, off_t(offset))
                if n >= 0 { return n }
                if errno == EINTR { continue }
                throw ArchiveError(.unreadable(errno: errno), path: path, offset: offset)
            }
        }
    }
}
