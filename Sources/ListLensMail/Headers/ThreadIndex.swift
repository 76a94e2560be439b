/// Outlook's `Thread-Index` header ([MS-OXOMSG] §2.2.1.3, PidTagConversationIndex): base64 of a
/// 22-byte header block (a reserved byte, five bytes of FILETIME, a 16-byte conversation GUID), then
/// one 5-byte child block per reply. A reply's index is its parent's index plus one block, so the
/// parent is the message whose index is this one less its last block, even where References and
/// In-Reply-To are gone (Exchange and Outlook Web drop them; the index survives).
///
/// ```swift
/// let index = ThreadIndex.parse("AdXb0m5xD5b8kQYtRxW8VYI1ojhX2AAAAMrw")   // one reply block
/// index?.key            // hex of all 27 bytes
/// index?.ancestorKeys   // [hex of the first 22 bytes]: the parent's index
/// ```
public struct ThreadIndex: Sendable, Equatable {
    /// Bytes of the header block: the conversation's root.
    public static let headerBytes = 22
    /// Bytes of each reply's block.
    public static let childBytes = 5
    /// Reply blocks read. Real conversations reach a few dozen; a longer index is cut to this many
    /// (``MailDefect/invalidThreadIndex``), so what a message can name stays bounded.
    public static let maxChildren = 256

    /// The decoded bytes, in lowercase hex: the message's own index.
    public let key: String

    /// Its ancestors' indexes, the parent's first, down to the conversation's root (the header block).
    public var ancestorKeys: [String] {
        let hexPerChild = 2 * Self.childBytes
        var keys: [String] = []
        var length = key.utf8.count - hexPerChild
        while length >= 2 * Self.headerBytes {
            keys.append(String(key.utf8.prefix(length))!)   // hex digits: ASCII, so any byte prefix is a string
            length -= hexPerChild
        }
        return keys
    }

    /// The header block's hex, shared by every message of the conversation.
    public var conversation: String { String(key.utf8.prefix(2 * Self.headerBytes))! }

    /// Reads a header value. Nil when it is no index (too short, or not base64); an index with a
    /// partial last block keeps its whole blocks. The flag says whether the value was damaged.
    public static func parse<C: Collection>(_ value: C) -> (index: ThreadIndex?, damaged: Bool) where C.Element == UInt8 {
        // An index is 22 + 5n bytes: at most (22 + 5 × 256) × 4 / 3 base64 characters. Anything longer is cut,
        // so a hostile header costs no more than a real one.
        let maxBytes = headerBytes + childBytes * maxChildren
        let decoded = Base64.decode(value.prefix((maxBytes + 2) / 3 * 4 + 64))
        var bytes = decoded.bytes
        var damaged = decoded.defect != nil || bytes.count > maxBytes
        if bytes.count > maxBytes { bytes.removeLast(bytes.count - maxBytes) }
        guard bytes.count >= headerBytes else { return (nil, true) }
        let partial = (bytes.count - headerBytes) % childBytes
        if partial != 0 {
            bytes.removeLast(partial)
            damaged = true
        }
        return (ThreadIndex(key: hex(bytes)), damaged)
    }

    /// `parse`'s index alone.
    public static func parse(_ value: String) -> ThreadIndex? { parse(Array(value.utf8)).index }

    init(key: String) { self.key = key }

    /// An index from its ``key`` (as a store keeps it); nil unless it is lowercase hex of 22 + 5n bytes.
    public init?(storedKey key: String) {
        let n = key.utf8.count
        guard n >= 2 * Self.headerBytes, (n - 2 * Self.headerBytes) % (2 * Self.childBytes) == 0,
              n <= 2 * (Self.headerBytes + Self.childBytes * Self.maxChildren),
              key.utf8.allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f")) })
        else { return nil }
        self.key = key
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
