#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte buffer in front of a file descriptor.
final class OutputBuffer: @unchecked Sendable {
    // The CLI writes from one thread only; the lock-free buffer is safe under that rule.
    private var bytes: [UInt8] = []
    private let fd: Int32
    static let capacity = 64 * 1024

    init(fd: Int32) {
        self.fd = fd
        bytes.reserveCapacity(Self.capacity)
    }

    func append(_ s: String) {
        bytes.append(contentsOf: s.utf8)
        if bytes.count >= Self.capacity { flush() }
    }

    func flush() {
        guard !bytes.isEmpty else { return }
        Self.writeAll(fd: fd, bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Writes every byte, retrying on EINTR. A closed pipe (EPIPE) ends the process quietly, as `head` expects.
    static func writeAll(fd: Int32, _ data: [UInt8]) {
        data.withUnsafeBytes { buf in
            var off = 0
            while off < buf.count {
                let n = write(fd, buf.baseAddress! + off, buf.count - off)   // non-empty: off < count
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE { _exit(0) }
                    return
                }
                off += n
            }
        }
    }
}
