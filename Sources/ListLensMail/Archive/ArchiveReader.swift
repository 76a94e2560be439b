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
    /// True when the file was gzip-compressed.
    public let compressed: Bool
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

        let magic = try Self.peek(path: path, count: 2)
        compressed = magic.count == 2 && magic[0] == 0x1F && magic[1] == 0x8B
        // Sniff the decompressed head with a throwaway source; then stream from the start.
        let head = try Self.head(path: path, compressed: compressed, count: 4096)
        let sniffed = head.withUnsafeBytes { ArchiveFormat.sniff($0) }
        switch sniffed {
        case .success(let f): format = f
        case .failure(let failure):
            throw ArchiveError(.notAnArchive(detail: (compressed ? "gzip holding " : "") + failure.reason), path: path)
        }
        source = compressed ? try GzipByteSource(path: path) : try FileByteSource(path: path)
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

    private static func head(path: String, compressed: Bool, count: Int) throws -> [UInt8] {
        let src: ByteSource = compressed ? try GzipByteSource(path: path) : try FileByteSource(path: path)
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
