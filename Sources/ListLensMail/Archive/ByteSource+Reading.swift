extension ByteSource {
    /// Reads the stream to its end, keeping its first `limit` bytes; also returns the total length.
    func readAll(keeping limit: Int) throws -> (bytes: [UInt8], total: Int64) {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var total: Int64 = 0
        while true {
            let n = try chunk.withUnsafeMutableBytes { (b) throws -> Int in try read(into: b) }
            if n == 0 { break }
            total += Int64(n)
            if bytes.count < limit { bytes.append(contentsOf: chunk[0..<min(n, limit - bytes.count)]) }
        }
        return (bytes, total)
    }

    /// Up to `count` bytes from the current position.
    func read(count: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = try out.withUnsafeMutableBytes { (b) throws -> Int in
                try read(into: UnsafeMutableRawBufferPointer(rebasing: b[filled...]))
            }
            if n == 0 { break }
            filled += n
        }
        return Array(out[0..<filled])
    }
}
