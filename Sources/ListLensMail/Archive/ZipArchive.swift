import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The members of a zip file (a groups.io export holds `messages.mbox`), read from its central directory.
///
/// Stored and deflated members are supported; zip64 archives and encrypted members are reported as
/// unreadable with the reason. Members are streamed, never unpacked whole.
/// - SeeAlso: [PKWARE APPNOTE 6.3.10](https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT)
struct ZipArchive {
    struct Member: Sendable {
        var name: String
        var method: UInt16
        var flags: UInt16
        var compressedSize: Int64
        var localHeaderOffset: Int64
    }

    /// Most members read from one archive.
    static let maxMembers = 100_000

    let path: String
    let members: [Member]

    init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ArchiveError(.unreadable(errno: errno), path: path) }
        defer { close(fd) }
        var st = stat()
        fstat(fd, &st)
        let size = Int64(st.st_size)
        // End of central directory: 22 bytes plus a comment of up to 65,535 bytes, at the very end.
        let tailCount = Int(min(size, 65_557))
        let tail = try Self.pread(fd, at: size - Int64(tailCount), count: tailCount, path: path)
        guard tailCount >= 22, let eocd = stride(from: tailCount - 22, through: 0, by: -1).first(where: {
            Self.u32(tail, $0) == 0x0605_4B50
        }) else { throw ArchiveError(.notAnArchive(detail: "zip without a central directory"), path: path) }
        let count = Int(Self.u16(tail, eocd + 10))
        let cdSize = Int64(Self.u32(tail, eocd + 12))
        let cdOffset = Int64(Self.u32(tail, eocd + 16))
        guard cdOffset != 0xFFFF_FFFF, count != 0xFFFF else {
            throw ArchiveError(.notAnArchive(detail: "zip64 archives are not read; unzip it first"), path: path)
        }
        guard cdOffset + cdSize <= size, count <= Self.maxMembers else {
            throw ArchiveError(.corruptCompression(detail: "zip central directory out of bounds"), path: path)
        }
        let cd = try Self.pread(fd, at: cdOffset, count: Int(cdSize), path: path)
        var members: [Member] = []
        var i = 0
        for _ in 0..<count {
            guard i + 46 <= cd.count, Self.u32(cd, i) == 0x0201_4B50 else {
                throw ArchiveError(.corruptCompression(detail: "zip central directory entry \(members.count + 1) is damaged"), path: path)
            }
            let nameLength = Int(Self.u16(cd, i + 28)), extra = Int(Self.u16(cd, i + 30)), comment = Int(Self.u16(cd, i + 32))
            guard i + 46 + nameLength <= cd.count else { break }
            let name = String(decoding: cd[(i + 46)..<(i + 46 + nameLength)], as: UTF8.self)
            members.append(Member(name: name, method: Self.u16(cd, i + 10), flags: Self.u16(cd, i + 8),
                                  compressedSize: Int64(Self.u32(cd, i + 20)), localHeaderOffset: Int64(Self.u32(cd, i + 42))))
            i += 46 + nameLength + extra + comment
        }
        self.members = members.filter { !$0.name.hasSuffix("/") }
    }

    /// A stream of one member's uncompressed bytes.
    func source(for member: Member) throws -> ByteSource {
        guard member.flags & 1 == 0 else {
            throw ArchiveError(.notAnArchive(detail: "zip member \(member.name) is encrypted"), path: path)
        }
        guard member.method == 0 || member.method == 8 else {
            throw ArchiveError(.notAnArchive(detail: "zip member \(member.name) uses compression method \(member.method)"), path: path)
        }
        return try ZipMemberSource(path: path, member: member)
    }

    static func pread(_ fd: Int32, at offset: Int64, count: Int, path: String) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = out.withUnsafeMutableBytes { Glibc.pread(fd, $0.baseAddress! + done, count - done, off_t(offset) + off_t(done)) }   // count > 0 here
            if n < 0 { if errno == EINTR { continue }; throw ArchiveError(.unreadable(errno: errno), path: path, offset: offset) }
            if n == 0 { throw ArchiveError(.truncated, path: path, offset: offset + Int64(done)) }
            done += n
        }
        return out
    }

    static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}

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
