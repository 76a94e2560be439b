/// XXH64 (Yann Collet's xxHash, 64-bit, seed 0): a fast checksum of bytes, for telling whether an
/// archive file changed since an import read it.
///
/// Not a cryptographic hash: it guards against files that changed, not against files made to
/// collide. It runs at memory speed, so hashing a file read from the page cache costs a fraction of
/// parsing it. Streaming: ``update(_:)`` any number of times, then ``digest``; the result is the
/// same however the bytes are split (the reference's test vectors are in the tests).
public struct XXH64: Sendable {
    private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    private var v1: UInt64 = 0 &+ XXH64.p1 &+ XXH64.p2
    private var v2: UInt64 = XXH64.p2
    private var v3: UInt64 = 0
    private var v4: UInt64 = 0 &- XXH64.p1
    /// Bytes hashed so far.
    public private(set) var count: UInt64 = 0
    /// The start of a 32-byte stripe that has not filled yet (fewer than 32 bytes).
    private var pending: [UInt8] = []

    public init() {}

    /// The digest of `bytes` in one call.
    public static func digest<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h = XXH64()
        if bytes.withContiguousStorageIfAvailable({ h.update(UnsafeRawBufferPointer($0)) }) == nil {
            Array(bytes).withUnsafeBytes { h.update($0) }
        }
        return h.digest
    }

    /// Adds `bytes` to what is hashed.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        count &+= UInt64(bytes.count)
        var start = 0
        if !pending.isEmpty {
            let take = min(32 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            start = take
            guard pending.count == 32 else { return }
            pending.withUnsafeBytes { stripe(UnsafeRawBufferPointer($0)) }
            pending.removeAll(keepingCapacity: true)
        }
        let full = start + (bytes.count - start) / 32 * 32
        var i = start
        while i < full {
            stripe(UnsafeRawBufferPointer(rebasing: bytes[i..<(i + 32)]))
            i += 32
        }
        if full < bytes.count { pending.append(contentsOf: bytes[full...]) }
    }

    /// The hash of everything given so far (the state is not changed: more may follow).
    public var digest: UInt64 {
        var h: UInt64
        if count >= 32 {
            h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            for v in [v1, v2, v3, v4] {
                h ^= Self.round(0, v)
                h = h &* Self.p1 &+ Self.p4
            }
        } else {
            h = Self.p5
        }
        h &+= count
        pending.withUnsafeBytes { rest in
            var i = 0
            while i + 8 <= rest.count {
                h ^= Self.round(0, rest.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian)
                h = rotl(h, 27) &* Self.p1 &+ Self.p4
                i += 8
            }
            if i + 4 <= rest.count {
                h ^= UInt64(rest.loadUnaligned(fromByteOffset: i, as: UInt32.self).littleEndian) &* Self.p1
                h = rotl(h, 23) &* Self.p2 &+ Self.p3
                i += 4
            }
            while i < rest.count {
                h ^= UInt64(rest[i]) &* Self.p5
                h = rotl(h, 11) &* Self.p1
                i += 1
            }
        }
        h ^= h >> 33
        h = h &* Self.p2
        h ^= h >> 29
        h = h &* Self.p3
        h ^= h >> 32
        return h
    }

    @inline(__always)
    private mutating func stripe(_ s: UnsafeRawBufferPointer) {
        v1 = Self.round(v1, s.loadUnaligned(fromByteOffset: 0, as: UInt64.self).littleEndian)
        v2 = Self.round(v2, s.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian)
        v3 = Self.round(v3, s.loadUnaligned(fromByteOffset: 16, as: UInt64.self).littleEndian)
        v4 = Self.round(v4, s.loadUnaligned(fromByteOffset: 24, as: UInt64.self).littleEndian)
    }

    @inline(__always)
    private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotl(acc &+ input &* p2, 31) &* p1
    }
}

@inline(__always)
private func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }
