import CBzip2

/// bzip2 through libbz2's stream API over `read(2)`; concatenated streams (pbzip2) are read in turn.
final class Bzip2ByteSource: ByteSource {
    private let file: FileByteSource
    private let path: String
    private var stream = bz_stream()
    private let input: UnsafeMutablePointer<CChar>
    private static let inputSize = 256 * 1024
    private var fileEOF = false
    private var streamEnded = false
    private var produced: Int64 = 0

    init(path: String) throws {
        self.path = path
        file = try FileByteSource(path: path)
        input = .allocate(capacity: Self.inputSize)
        guard BZ2_bzDecompressInit(&stream, 0, 0) == BZ_OK else {
            input.deallocate()
            file.close()
            throw ArchiveError(.corruptCompression(detail: "cannot start bzip2 decompression"), path: path)
        }
    }

    var consumedFileBytes: Int64 { file.consumedFileBytes - Int64(stream.avail_in) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let out = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            if stream.avail_in == 0 && !fileEOF {
                let n = try file.read(into: UnsafeMutableRawBufferPointer(start: input, count: Self.inputSize))
                if n == 0 { fileEOF = true } else { stream.next_in = input; stream.avail_in = UInt32(n) }
            }
            if streamEnded {
                // Another stream follows (pbzip2 writes one per block), or the file is done.
                if stream.avail_in == 0 && fileEOF { return 0 }
                BZ2_bzDecompressEnd(&stream)
                let next = stream.next_in, left = stream.avail_in
                stream = bz_stream()
                guard BZ2_bzDecompressInit(&stream, 0, 0) == BZ_OK else {
                    throw ArchiveError(.corruptCompression(detail: "cannot restart bzip2 decompression"), path: path, offset: produced)
                }
                stream.next_in = next
                stream.avail_in = left
                streamEnded = false
            }
            stream.next_out = out.assumingMemoryBound(to: CChar.self)
            stream.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
            let rc = BZ2_bzDecompress(&stream)
            let n = buffer.count - Int(stream.avail_out)
            produced += Int64(n)
            if rc == BZ_STREAM_END { streamEnded = true }
            else if rc != BZ_OK {
                throw ArchiveError(.corruptCompression(detail: "corrupt bzip2 data (error \(rc))"), path: path, offset: produced)
            }
            if n > 0 { return n }
            if rc == BZ_OK && fileEOF && stream.avail_in == 0 {
                throw ArchiveError(.truncated, path: path, offset: produced)
            }
        }
    }

    func close() {
        BZ2_bzDecompressEnd(&stream)
        input.deallocate()
        file.close()
    }
}
