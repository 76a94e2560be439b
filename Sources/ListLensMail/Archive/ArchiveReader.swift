#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens one archive file, sniffs its format from its content and hands out its messages.
///
/// ```swift
/// let reader = try ArchiveReader(path: "2013-July.txt.gz")
/// while let raw = try reader.next() { … }
/// ```
public final class ArchiveReader {
    public let path: String
    public let format: ArchiveFormat
    /// The compression the file was sniffed to have.
    public let compression: Compression
    /// True when the file was compressed (gzip or bzip2).
    public var compressed: Bool { compression != .none }

    public enum Compression: String, Sendable {
        case none, gzip, bzip2
    }
    public let fileSize: Int64

    private let source: ByteSource
    private let mbox: MboxReader?
    private var singleDone = false
    private let limits: ArchiveLimits

    public init(path: String, limits: ArchiveLimits = ArchiveLimits()) throws {
        self.path = path
        self.limits = limits
        var st = stat()
        guard stat(path, &st) == 0 else { throw ArchiveError(.unreadable(errno: errno), path: path) }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            throw ArchiveError(.notAnArchive(detail: "not a regular file"), path: path)
        }
        fileSize = Int64(st.st_size)

        let magic = try Self.peek(path: path, count: 3)
        if magic.count >= 2 && magic[0] == 0x1F && magic[1] == 0x8B {
            compression = .gzip
        } else if magic.count == 3 && magic[0] == UInt8(ascii: "B") && magic[1] == UInt8(ascii: "Z") && magic[2] == UInt8(ascii: "h") {
            compression = .bzip2
        } else {
            compression = .none
        }
        // Sniff the decompressed head with a throwaway source; then stream from the start.
        let head = try Self.head(path: path, compression: compression, count: 4096)
        let sniffed = head.withUnsafeBytes { ArchiveFormat.sniff($0) }
        switch sniffed {
        case .success(let f): format = f
        case .failure(let failure):
            let holding = compression == .none ? "" : "\(compression.rawValue) holding "
            throw ArchiveError(.notAnArchive(detail: holding + failure.reason), path: path)
        }
        source = try Self.open(path: path, compression: compression)
        mbox = format == .mbox ? MboxReader(source: source, path: path, limits: limits) : nil
    }

    deinit { source.close() }

    /// Bytes of the file consumed so far (compressed bytes for gzip), for progress and ETA.
    public var consumedFileBytes: Int64 { source.consumedFileBytes }

    /// The next message, or `nil` at the end of the file.
    public func next() throws -> RawMessage? {
        if let mbox { return try mbox.next() }
        guard !singleDone else { return nil }
        singleDone = true
        return try readSingleMessage()
    }

    private func readSingleMessage() throws -> RawMessage {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var total: Int64 = 0
        while true {
            let n = try chunk.withUnsafeMutableBytes { (b) throws -> Int in try source.read(into: b) }
            if n == 0 { break }
            total += Int64(n)
            if bytes.count < limits.maxMessageBytes {
                bytes.append(contentsOf: chunk[0..<min(n, limits.maxMessageBytes - bytes.count)])
            }
        }
        return RawMessage(bytes: bytes, offset: 0, length: total, oversized: total > Int64(limits.maxMessageBytes))
    }

    private static func peek(path: String, count: Int) throws -> [UInt8] {
        let src = try FileByteSource(path: path)
        defer { src.close() }
        var out = [UInt8](repeating: 0, count: count)
        let n = try out.withUnsafeMutableBytes { (b) throws -> Int in try src.read(into: b) }
        return Array(out[0..<n])
    }

    private static func open(path: String, compression: Compression) throws -> ByteSource {
        switch compression {
        case .none: return try FileByteSource(path: path)
        case .gzip: return try GzipByteSource(path: path)
        case .bzip2: return try Bzip2ByteSource(path: path)
        }
    }

    /// The first `count` bytes of the file's (decompressed) content.
    public static func head(path: String, compression: Compression, count: Int) throws -> [UInt8] {
        let src = try open(path: path, compression: compression)
        defer { src.close() }
        var out = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = try out.withUnsafeMutableBytes { (b) throws -> Int in
                try src.read(into: UnsafeMutableRawBufferPointer(rebasing: b[filled...]))
            }
            if n == 0 { break }
            filled += n
        }
        return Array(out[0..<filled])
    }
}
