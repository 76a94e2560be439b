#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// glibc iconv, lossy: bytes that cannot be converted become U+FFFD and are counted.
///
/// iconv decodes every charset in the corpora, EUC-JP included, which Foundation cannot
/// (TOOLCHAIN.md §4). Each call opens its own descriptor, so calls are safe across threads.
enum Iconv {
    /// Converts `bytes` from `charset` to UTF-8; `nil` when iconv does not know the charset.
    static func decode(_ bytes: ArraySlice<UInt8>, from charset: String) -> (text: String, replaced: Int)? {
        let cd = iconv_open("UTF-8", charset)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2 + 16)
        var replaced = 0
        var input = Array(bytes)
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        var chunk = [UInt8](repeating: 0, count: max(4096, bytes.count * 3 + 16))
        input.withUnsafeMutableBufferPointer { inBuf in
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
            var inLeft = inBuf.count
            chunk.withUnsafeMutableBufferPointer { outBuf in
                let outBase = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                while true {
                    var outPtr: UnsafeMutablePointer<CChar>? = outBase
                    var outLeft = outBuf.count
                    let flushing = inLeft == 0
                    let rc = flushing ? iconv(cd, nil, nil, &outPtr, &outLeft) : iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    let produced = outBuf.count - outLeft
                    output.append(contentsOf: UnsafeRawBufferPointer(start: outBase, count: produced))
                    if rc != -1 {
                        if flushing { break }
                        continue   // all input consumed; flush shift state on the next turn
                    }
                    switch errno {
                    case E2BIG: continue
                    case EILSEQ, EINVAL:
                        // Invalid or truncated sequence: one U+FFFD for one byte, then go on.
                        output.append(contentsOf: replacement)
                        replaced += 1
                        if inLeft > 0 { inPtr = inPtr! + 1; inLeft -= 1 }   // inPtr is set while inLeft > 0
                        if inLeft == 0 { continue }
                    default:
                        inLeft = 0
                    }
                }
            }
        }
        return (String(decoding: output, as: UTF8.self), replaced)
    }
}
