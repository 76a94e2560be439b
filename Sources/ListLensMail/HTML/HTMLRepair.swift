#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level repairs made before libxml2 sees an HTML document, in one forward pass.
///
/// These are not a tag-soup parser: they only undo damage that makes libxml2 build the wrong tree.
/// - A non-breaking space (UTF-8 `C2 A0`) inside a tag becomes a plain space. Mail copied
///   through a web archive turns every space into NBSP, the ones inside tags too
///   (`<p class="MsoNormal">` with an NBSP after `p`). libxml2 then reads `\u{A0}class` as
///   the attribute name, and Word's paragraph classes are lost.
/// - A tag longer than ``HTMLLimits/maxTagBytes`` is cut there (its end `>` kept).
/// - Word's downlevel-revealed markers `<![if …]>` and `<![endif]>` are removed, keeping what
///   they enclose. libxml2 would otherwise show them as text (TOOLCHAIN.md §1, pitfall 7).
///   `<![endif]-->` closes an ordinary comment and stays.
///
/// Comments are copied untouched. The pass never looks back and allocates one output buffer.
enum HTMLRepair {
    /// What libxml2 is given: the first ``HTMLLimits/maxInputBytes`` bytes, repaired.
    static func prepare(_ bytes: [UInt8]) -> [UInt8] {
        repair(bytes.count > HTMLLimits.maxInputBytes ? Array(bytes.prefix(HTMLLimits.maxInputBytes)) : bytes)
    }

    static func repair(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var changed = false
        let n = bytes.count
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            var copied = 0   // bytes[..<copied] are in `out` (only once something changed)
            func cut(_ from: Int, _ to: Int, replacement: UInt8?) {
                if !changed { out.reserveCapacity(n); changed = true }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<from]))
                if let r = replacement { out.append(r) }
                copied = to
            }
            var i = 0
            while i < n {
                // The next `<`, by memchr.
                guard let p = memchr(base + i, Int32(UInt8(ascii: "<")), n - i) else { break }
                i = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
                guard i + 1 < n else { break }
                let next = b[i + 1]
                if next == UInt8(ascii: "!") {
                    if i + 3 < n, b[i + 2] == UInt8(ascii: "-"), b[i + 3] == UInt8(ascii: "-") {
                        i = find(b, "-->", from: i + 4).map { $0 + 3 } ?? n   // a comment: left as it is
                        continue
                    }
                    if i + 2 < n, b[i + 2] == UInt8(ascii: "["), isDownlevelMarker(b, at: i + 3) {
                        let limit = min(n, i + HTMLLimits.maxMarkerLength)
                        if let close = b[(i + 3)..<limit].firstIndex(of: UInt8(ascii: ">")), b[close - 1] == UInt8(ascii: "]") {
                            cut(i, close + 1, replacement: nil)
                            i = close + 1
                            continue
                        }
                    }
                }
                guard next.isASCIIAlpha || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") else { i += 1; continue }
                // A tag, to its `>`: NBSP becomes a space (an unclosed tag ends where the next `<` starts).
                let tagStart = i
                i += 1
                while i < n {
                    let c = b[i]
                    if c == UInt8(ascii: ">") || c == UInt8(ascii: "<") { break }
                    if c == 0xC2, i + 1 < n, b[i + 1] == 0xA0 { cut(i, i + 2, replacement: 0x20); i += 2; continue }
                    if i - tagStart >= HTMLLimits.maxTagBytes {
                        // libxml2 compares each attribute with every earlier one: a huge tag costs its square.
                        var end = i
                        while end < n, b[end] != UInt8(ascii: ">"), b[end] != UInt8(ascii: "<") { end += 1 }
                        cut(i, end, replacement: nil)
                        i = end
                        break
                    }
                    i += 1
                }
            }
            if changed { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<n])) }
        }
        return changed ? out : bytes
    }

    private static func isDownlevelMarker(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        starts(b, "if", at: i) || starts(b, "endif", at: i)
    }

    private static func starts(_ b: UnsafeBufferPointer<UInt8>, _ s: StaticString, at i: Int) -> Bool {
        let k = s.utf8CodeUnitCount
        guard i + k <= b.count else { return false }
        return s.withUTF8Buffer { p in (0..<k).allSatisfy { b[i + $0] == p[$0] } }
    }

    static func find(_ b: UnsafeBufferPointer<UInt8>, _ s: StaticString, from: Int) -> Int? {
        let k = s.utf8CodeUnitCount
        guard k > 0, b.count >= k else { return nil }
        return s.withUTF8Buffer { p -> Int? in
            var i = from
            while i <= b.count - k {
                if b[i] == p[0], (1..<k).allSatisfy({ b[i + $0] == p[$0] }) { return i }
                i += 1
            }
            return nil
        }
    }
}
