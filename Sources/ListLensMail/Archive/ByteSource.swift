import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stream of bytes read in chunks from a file, decompressed on the way when it is gzip.
///
/// The reader never holds more than one chunk; archives of any size stream through it.
public protocol ByteSource: AnyObject {
    /// Fills `buffer` with up to `buffer.count` bytes; returns 0 at the end of the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// How many bytes of the underlying file have been consumed (compressed bytes for gzip).
    var consumedFileBytes: Int64 { get }
    func close()
}

/// Plain file bytes through `read(2)`: the fastest way to stream a file here (TOOLCHAIN.md §5).
final class FileByteSource: ByteSource {
    private let fd: Int32
    private let path: String
    private(set) var consumedFileBytes: Int64 = 0

    init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ArchiveError(.unreadable(errno: errno), path: path) }
        self.fd = fd
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { consumedFileBytes += Int64(n); return n }
            if errno == EINTR { continue }
            throw ArchiveError(.unreadable(errno: errno), path: path, offset: consumedFileBytes)
        }
    }

    func close() { _ = Glibc.close(fd) }
}

/// gzip through zlib's `gzread`, which also handles multi-member files (TOOLCHAIN.md §3).
final class GzipByteSource: ByteSource {
    private let file: gzFile
    private let path: String
    private var produced: Int64 = 0

    init(path: String) throws {
        self.path = path
        guard let f = gzopen(path, "rb") else { throw ArchiveError(.unreadable(errno: errno), path: path) }
        gzbuffer(f, 256 * 1024)
        file = f
    }

    var consumedFileBytes: Int64 { Int64(gzoffset(file)) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = gzread(file, buffer.baseAddress, UInt32(min(buffer.count, Int(Int32.max))))
        if n < 0 {
            var code: Int32 = 0
            _ = gzerror(file, &code)
            throw ArchiveError(.corruptCompression(detail: code == Z_DATA_ERROR ? "corrupt gzip data" : "gzip error \(code)"),
                               path: path, offset: produced)
        }
        if n == 0 {
            // zlib reports input that stops mid-stream as an end of file, with Z_BUF_ERROR set.
            var code: Int32 = 0
            _ = gzerror(file, &code)
            if code == Z_BUF_ERROR || gzeof(file) == 0 { throw ArchiveError(.truncated, path: path, offset: produced) }
        }
        produced += Int64(n)
        return Int(n)
    }

    func close() { gzclose(file) }
}
