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
        guard cdOffset + cdSize <= size, count <= ArchiveLimits.maxZipMembers else {
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
