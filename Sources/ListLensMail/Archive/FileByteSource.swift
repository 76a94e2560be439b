#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain file bytes through `read(2)`: the fastest way to stream a file here (TOOLCHAIN.md §5).
final class FileByteSource: ByteSource {
    private let fd: Int32
    private let path: String
    private(set) var consumedFileBytes: Int64 = 0

    /// Reads from `offset` on; ``consumedFileBytes`` counts from the file's start, so it includes
    /// the bytes skipped.
    init(path: String, offset: Int64 = 0) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ArchiveError(.unreadable(errno: errno), path: path) }
        if offset > 0, lseek(fd, off_t(offset), SEEK_SET) != off_t(offset) {
            let error = errno
            _ = Glibc.close(fd)
            throw ArchiveError(.unreadable(errno: error), path: path, offset: offset)
        }
        self.fd = fd
        consumedFileBytes = offset
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
