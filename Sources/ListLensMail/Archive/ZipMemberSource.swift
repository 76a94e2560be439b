import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One zip member's bytes: stored members copied, deflated ones inflated (raw deflate) as they are read.
final class ZipMemberSource: ByteSource {
    private let fd: Int32
    private let path: String
    private let method: UInt16
    private var next: Int64
    private var remaining: Int64
    private var stream = z_stream()
    private let input: UnsafeMutablePointer<UInt8>
    private static let inputSize = 256 * 1024
    private var ended = false
    private var produced: Int64 = 0
    private(set) var consumedFileBytes: Int64 = 0

    init(path: String, member: ZipArchive.Member) throws {
        self.path = path
        method = member.method
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ArchiveError(.unreadable(errno: errno), path: path) }
        self.fd = fd
        input = .allocate(capacity: Self.inputSize)
        do {
            let local = try ZipArchive.pread(fd, at: member.localHeaderOffset, count: 30, path: path)
            guard ZipArchive.u32(local, 0) == 0x0403_4B50 else {
                throw ArchiveError(.corruptCompression(detail: "zip member \(member.name) has no local header"), path: path,
                                   offset: member.localHeaderOffset)
            }
            next = member.localHeaderOffset + 30 + Int64(ZipArchive.u16(local, 26)) + Int64(ZipArchive.u16(local, 28))
            remaining = member.compressedSize
        } catch {
            input.deallocate()
            Glibc.close(fd)
            throw error
        }
        // Negative window bits: raw deflate, no zlib header (zip stores bare deflate streams).
        if method == 8, czlib_inflateInit2(&stream, -15) != Z_OK {
            input.deallocate()
            Glibc.close(fd)
            throw ArchiveError(.corruptCompression(detail: "cannot start inflating zip member \(member.name)"), path: path)
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let out = buffer.baseAddress, buffer.count > 0, !ended else { return 0 }
        if method == 0 {
            let n = min(Int64(buffer.count), remaining)
            if n == 0 { return 0 }
            let bytes = try ZipArchive.pread(fd, at: next, count: Int(n), path: path)
            bytes.withUnsafeBytes { out.copyMemory(from: $0.baseAddress!, byteCount: Int(n)) }   // n > 0
            next += n; remaining -= n; consumedFileBytes += n
            return Int(n)
        }
        while true {
            if stream.avail_in == 0 && remaining > 0 {
                let n = Int(min(Int64(Self.inputSize), remaining))
                let bytes = try ZipArchive.pread(fd, at: next, count: n, path: path)
                bytes.withUnsafeBytes { UnsafeMutableRawPointer(input).copyMemory(from: $0.baseAddress!, byteCount: n) }
                next += Int64(n); remaining -= Int64(n); consumedFileBytes += Int64(n)
                stream.next_in = input
                stream.avail_in = UInt32(n)
            }
            stream.next_out = out.assumingMemoryBound(to: UInt8.self)
            stream.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
            let rc = inflate(&stream, Z_NO_FLUSH)
            let n = buffer.count - Int(stream.avail_out)
            produced += Int64(n)
            if rc == Z_STREAM_END { ended = true; return n }
            if rc != Z_OK && !(rc == Z_BUF_ERROR && n > 0) {
                throw ArchiveError(rc == Z_BUF_ERROR ? .truncated : .corruptCompression(detail: "corrupt deflate data in zip (error \(rc))"),
                                   path: path, offset: produced)
            }
            if n > 0 { return n }
            if remaining == 0 && stream.avail_in == 0 { throw ArchiveError(.truncated, path: path, offset: produced) }
        }
    }

    func close() {
        if method == 8 { inflateEnd(&stream) }
        input.deallocate()
        Glibc.close(fd)
    }
}
