#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib

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
