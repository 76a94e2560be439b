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
