import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// gzip through zlib's inflate over `read(2)`; multi-member files are read member after member.
///
/// Bytes decompressed before an error are always handed out, and the error comes with the next
/// read: a month whose CRC trailer alone is damaged yields every message, then the error (as
/// `zcat` prints all the data, then complains). `gzread` returned -1 for the whole read instead,
/// losing up to a chunk of intact messages. Bytes after the last member that are not another gzip
/// header are ignored, as `gzread` and `gzip -d` ignore them.
final class GzipByteSource: ByteSource {
    private let file: FileByteSource
    private let path: String
    private var stream = z_stream()
    private let input: UnsafeMutablePointer<UInt8>
    private static let inputSize = 256 * 1024
    private var fileEOF = false
    private var finished = false
    /// An error seen after some bytes of the same read were produced: thrown by the next read.
    private var pending: ArchiveError?
    private var produced: Int64 = 0

    init(path: String) throws {
        self.path = path
        file = try FileByteSource(path: path)
        input = .allocate(capacity: Self.inputSize)
        // 16 + 15: a gzip wrapper (not zlib's), the largest window.
        guard czlib_inflateInit2(&stream, 16 + 15) == Z_OK else {
            input.deallocate()
            file.close()
            throw ArchiveError(.corruptCompression(detail: "cannot start gzip decompression"), path: path)
        }
    }

    var consumedFileBytes: Int64 { file.consumedFileBytes - Int64(stream.avail_in) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if let pending { self.pending = nil; finished = true; throw pending }
        guard let out = buffer.baseAddress, buffer.count > 0, !finished else { return 0 }
        while true {
            if stream.avail_in == 0 && !fileEOF { try refill() }
            stream.next_out = out.assumingMemoryBound(to: UInt8.self)
            stream.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
            let rc = inflate(&stream, Z_NO_FLUSH)
            let n = buffer.count - Int(stream.avail_out)
            produced += Int64(n)
            var failure: ArchiveError? = nil
            switch rc {
            case Z_OK:
                break
            case Z_STREAM_END:
                try startNextMember()
            case Z_BUF_ERROR where stream.avail_in == 0 && fileEOF:
                failure = ArchiveError(.truncated, path: path, offset: produced)
            case Z_BUF_ERROR:
                break   // no progress possible with this output space; more input comes next round
            case Z_DATA_ERROR:
                failure = ArchiveError(.corruptCompression(detail: "corrupt gzip data"), path: path, offset: produced)
            default:
                failure = ArchiveError(.corruptCompression(detail: "gzip error \(rc)"), path: path, offset: produced)
            }
            if let failure {
                if n > 0 { pending = failure; return n }   // the intact bytes first
                finished = true
                throw failure
            }
            if n > 0 || finished { return n }
            if rc == Z_OK && stream.avail_in == 0 && fileEOF {
                finished = true
                throw ArchiveError(.truncated, path: path, offset: produced)
            }
        }
    }

    private func refill() throws {
        let n = try file.read(into: UnsafeMutableRawBufferPointer(start: input, count: Self.inputSize))
        if n == 0 { fileEOF = true; return }
        stream.next_in = input
        stream.avail_in = UInt32(n)
    }

    /// After a member's end: another member follows (`1f 8b`), or the file is done.
    private func startNextMember() throws {
        if stream.avail_in < 2 && !fileEOF {
            // Keep what is left of this buffer in front of the next read.
            let left = Int(stream.avail_in)
            if left > 0, let next = stream.next_in { memmove(input, next, left) }   // the regions may overlap
            let n = try file.read(into: UnsafeMutableRawBufferPointer(start: input + left, count: Self.inputSize - left))
            if n == 0 { fileEOF = true }
            stream.next_in = input
            stream.avail_in = UInt32(left + n)
        }
        guard stream.avail_in >= 2, let next = stream.next_in, next[0] == 0x1F, next[1] == 0x8B else {
            finished = true
            return
        }
        guard inflateReset(&stream) == Z_OK else {
            throw ArchiveError(.corruptCompression(detail: "cannot restart gzip decompression"), path: path, offset: produced)
        }
    }

    func close() {
        inflateEnd(&stream)
        input.deallocate()
        file.close()
    }
}
