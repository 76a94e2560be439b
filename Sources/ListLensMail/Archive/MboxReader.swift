#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits an mbox stream into messages, one at a time, holding at most one message plus one chunk.
///
/// mboxcl/mboxcl2: a `Content-Length` header is trusted when it ends exactly at the next separator
/// (or the end of the file); otherwise the separator rule below decides.
///
/// A line starting with `From ` only separates messages when the next line is a header field:
/// pipermail does not escape `From ` in bodies (the twisted-python months hold such lines), so a
/// bare `From ` test would cut messages in half. mboxrd escapes (`>From `, `>>From ` …) lose one `>`;
/// in an mboxo file such a line was written by a person and keeps its text but for that one `>`.
public final class MboxReader {
    private let source: ByteSource
    private let limits: ArchiveLimits
    private let path: String

    /// Read bytes; the current message's separator line starts at `head`.
    private var buffer: [UInt8] = []
    /// Index in `buffer` where the current message starts. Bytes before it were emitted; they are
    /// dropped in bulk once they fill half the buffer (moving the rest after every message would be
    /// quadratic in the chunk size).
    private var head = 0
    /// Absolute stream offset of `buffer[0]`.
    private var bufferBase: Int64 = 0
    private var eof = false
    /// The error that ended the stream early: the messages read before it come out first (the last
    /// one marked ``RawMessage/truncated`` when the stream stopped inside it), then it is thrown.
    private var failure: ArchiveError?
    /// Index in `buffer` up to which lines were checked and hold no separator (never re-scanned).
    private var scanned = 0
    /// When `scanned` is the start of a line that has not ended yet: how far that line is known to
    /// hold no line break, so the search for its end goes on from there (0 when unknown). Without
    /// it, a body with no newline was searched again from its start after every read: quadratic.
    private var newlineFreeEnd = 0
    /// Bytes dropped from an oversized message so far.
    private var dropped: Int64 = 0
    private var started = false
    /// The largest the buffer has been, in bytes: what reading this stream cost in memory (for tests).
    private(set) var peakBufferBytes = 0

    /// What ``fill()`` reads into (one chunk, made at the first read), before appending to `buffer`.
    private var scratch: UnsafeMutableBufferPointer<UInt8>?

    /// - Parameter startOffset: where in the file `source` starts (a message's separator line, when
    ///   an import goes on reading a file that grew); messages' offsets count from the file's start.
    init(source: ByteSource, path: String, limits: ArchiveLimits, startOffset: Int64 = 0) {
        self.source = source
        self.path = path
        self.limits = limits
        bufferBase = startOffset
    }

    deinit { scratch?.deallocate() }

    /// Bytes of the underlying file consumed so far (for progress).
    public var consumedFileBytes: Int64 { source.consumedFileBytes }

    /// The next message, or `nil` at the end of the archive.
    public func next() throws -> RawMessage? {
        if eof, head >= buffer.count, let failure {
            self.failure = nil
            throw failure
        }
        if !started {
            started = true
            try skipLeadingBlankLines()
        }
        if head > 0 && head * 2 >= buffer.count { compact() }
        guard head < buffer.count || !eof else {
            if let failure { self.failure = nil; throw failure }
            return nil
        }
        if head == buffer.count { try fill(); if head == buffer.count { return nil } }

        // buffer[head] starts the current message's separator line (or the message itself).
        let sepLineEnd = try endOfLine(from: head)   // index after the '\n' (or buffer end at EOF)
        // mboxcl/mboxcl2: a Content-Length that lands exactly on the next separator (or the end)
        // decides where the message ends, so a forwarded message inside the body stays whole.
        if let end = try contentLengthEnd(headerStart: sepLineEnd) {
            scanned = end
            return emit(upTo: end, headerStart: sepLineEnd)
        }
        while true {
            if let next = findSeparator(from: max(scanned, sepLineEnd)) {
                return emit(upTo: next, headerStart: sepLineEnd)
            }
            if eof { return emit(upTo: buffer.count, headerStart: sepLineEnd) }
            // Bound memory: an oversized message keeps its first bytes and drops the rest.
            let pending = buffer.count - sepLineEnd + Int(dropped)
            if pending > limits.maxMessageBytes, scanned > sepLineEnd + limits.maxMessageBytes / 2 {
                let keepEnd = sepLineEnd + min(limits.maxMessageBytes / 2, scanned - sepLineEnd)
                let drop = scanned - keepEnd
                if drop > 0 {
                    buffer.removeSubrange(keepEnd..<scanned)
                    dropped += Int64(drop)
                    scanned = keepEnd
                    newlineFreeEnd = newlineFreeEnd > 0 ? newlineFreeEnd - drop : 0
                }
            }
            // A line that has not ended holds no separator past its first bytes (which say whether it
            // is a `From ` line): the middle of an endless line goes too, so memory stays bounded.
            if pending > limits.maxMessageBytes, newlineFreeEnd > scanned {
                let dropFrom = max(sepLineEnd + limits.maxMessageBytes / 2, scanned + Self.fromPrefix.count + 1)
                if newlineFreeEnd > dropFrom {
                    let drop = newlineFreeEnd - dropFrom
                    buffer.removeSubrange(dropFrom..<newlineFreeEnd)
                    dropped += Int64(drop)
                    newlineFreeEnd = dropFrom
                }
            }
            try fill()
        }
    }

    // MARK: - Scanning

    /// Finds the start index of the next real separator line at or after `from`, reading more
    /// input when a candidate's following line is not complete yet. Advances `scanned`.
    private func findSeparator(from: Int) -> Int? {
        let count = buffer.count
        return buffer.withUnsafeBytes { (buf: UnsafeRawBufferPointer) -> Int? in
            guard let base = buf.baseAddress, count > 0 else { return nil }
            var lineStart = from
            // Where to look for the line's end: past what an earlier call found free of line breaks.
            var searchFrom = from == scanned && newlineFreeEnd > from ? min(newlineFreeEnd, count) : from
            newlineFreeEnd = 0
            // `from` must be a line start: it is 0, the end of a line, or a previously checked line start.
            while lineStart < count {
                guard let nl = memchr(base + searchFrom, Int32(UInt8.lf), count - searchFrom) else {
                    // Incomplete last line: check it again when more bytes come, searching on from here.
                    scanned = lineStart
                    newlineFreeEnd = count
                    // A lone `From ` line at the very end has no header after it: it is body text.
                    return nil
                }
                let lineEnd = base.distance(to: UnsafeRawPointer(nl)) + 1
                if isFromLine(buf, lineStart, lineEnd) {
                    // Need the whole next line to decide.
                    if lineEnd >= count {
                        scanned = lineStart
                        return nil
                    }
                    if let nextNL = memchr(base + lineEnd, Int32(UInt8.lf), count - lineEnd) {
                        let nextEnd = base.distance(to: UnsafeRawPointer(nextNL)) + 1
                        if isHeaderLine(buf, lineEnd, nextEnd) { scanned = lineStart; return lineStart }
                    } else if eof || count - lineEnd >= Self.headerDecisionBytes {
                        // The first bytes of a line decide whether it starts a header field; a next
                        // line that never ends is decided on them instead of being waited for.
                        if isHeaderLine(buf, lineEnd, min(count, lineEnd + Self.headerDecisionBytes)) { scanned = lineStart; return lineStart }
                    } else {
                        scanned = lineStart
                        return nil
                    }
                }
                lineStart = lineEnd
                searchFrom = lineEnd
            }
            scanned = lineStart
            return nil
        }
    }

    @inline(__always)
    private func isFromLine(_ buf: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        end - start >= 6 && buf[start] == UInt8(ascii: "F") && buf[start + 1] == UInt8(ascii: "r")
            && buf[start + 2] == UInt8(ascii: "o") && buf[start + 3] == UInt8(ascii: "m") && buf[start + 4] == .space
    }

    @inline(__always)
    private func isHeaderLine(_ buf: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        ArchiveFormat.startsWithHeaderField(UnsafeRawBufferPointer(rebasing: buf[start..<end]), from: 0)
    }

    /// Bytes of a line enough to tell whether it starts a header field: a field name is at most 76
    /// characters before its colon (``ArchiveFormat/startsWithHeaderField(_:from:)``), with room for
    /// the obsolete white space before the colon.
    static let headerDecisionBytes = 1024

    /// Index just after the line starting at `from`, reading more input as needed. Each byte is
    /// searched once; a line longer than a whole message may be ends where the reading stopped.
    private func endOfLine(from: Int) throws -> Int {
        var searchFrom = from
        while true {
            let start = searchFrom
            let found: Int? = buffer.withUnsafeBytes { buf in
                guard let base = buf.baseAddress, start < buf.count,
                      let nl = memchr(base + start, Int32(UInt8.lf), buf.count - start) else { return nil }
                return base.distance(to: UnsafeRawPointer(nl)) + 1
            }
            if let found { return found }
            if eof || buffer.count - from > limits.maxMessageBytes { return buffer.count }
            searchFrom = max(from, buffer.count)
            try fill()
        }
    }

    /// Where the message ends by its Content-Length header, when that end is the end of the stream or
    /// is followed (after at most one line break) by a `From ` line; nil otherwise.
    private func contentLengthEnd(headerStart: Int) throws -> Int? {
        // Find the end of the header block (an empty line), reading more as needed, within a bound.
        // This runs on the serial reader thread for every message: memchr, and a first-byte test
        // before any comparison, keep it cheap.
        var bodyStart: Int? = nil
        var length: Int? = nil
        var lineStart = headerStart
        while bodyStart == nil {
            let nl: Int? = buffer.withUnsafeBytes { buf in
                guard lineStart < buf.count, let p = memchr(buf.baseAddress! + lineStart, Int32(UInt8.lf), buf.count - lineStart) else { return nil }
                return buf.baseAddress!.distance(to: UnsafeRawPointer(p))   // non-empty: lineStart < count
            }
            guard let nl else {
                if eof || buffer.count - headerStart > ArchiveLimits.maxContentLengthHeaderBytes { return nil }
                try fill()
                continue
            }
            let isEmpty = nl == lineStart || (nl == lineStart + 1 && buffer[lineStart] == .cr)
            if isEmpty { bodyStart = nl + 1; break }
            if buffer[lineStart] | 0x20 == UInt8(ascii: "c"), length == nil { length = Self.contentLength(line: buffer[lineStart..<nl]) }
            lineStart = nl + 1
            if lineStart - headerStart > ArchiveLimits.maxContentLengthHeaderBytes { return nil }
        }
        guard let bodyStart, let length, length <= limits.maxMessageBytes else { return nil }
        let target = bodyStart + length
        // Need the target and the next separator's first bytes in the buffer.
        while buffer.count < target + 7 && !eof { try fill() }
        if target == buffer.count && eof { return target }
        guard target < buffer.count else { return nil }
        var next = target
        if buffer[next] == .lf { next += 1 } else if buffer[next] == .cr, next + 1 < buffer.count, buffer[next + 1] == .lf { next += 2 }
        if next == buffer.count && eof { return next }
        guard buffer.count - next >= 5, buffer[next...].starts(with: Self.fromPrefix) else { return nil }
        return next
    }

    /// The value of a `Content-Length:` header line, if the line is one.
    static func contentLength(line: ArraySlice<UInt8>) -> Int? {
        guard line.count > 15, line.prefix(15).asciiCaseInsensitiveEquals("content-length:") else { return nil }
        let digits = line.dropFirst(15).filter { !$0.isFWSByte }
        guard !digits.isEmpty, digits.count <= ArchiveLimits.maxContentLengthDigits, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    // MARK: - Emitting

    private func emit(upTo end: Int, headerStart: Int) -> RawMessage {
        let hasSeparator = buffer[head...].starts(with: Self.fromPrefix)
        let envelope: [UInt8]? = hasSeparator ? Array(buffer[(head + 5)..<trimLineEnd(headerStart)]) : nil
        var bodyEnd = end
        // The blank line before the next separator belongs to the mbox format, not the message.
        if bodyEnd > headerStart, buffer[bodyEnd - 1] == .lf {
            var j = bodyEnd - 1
            if j > headerStart, buffer[j - 1] == .cr { j -= 1 }
            if j > headerStart, buffer[j - 1] == .lf { bodyEnd = j }
        }
        // Oversized by the whole length in the stream; only the first maxMessageBytes are kept.
        let oversized = Int64(end - head) + dropped > Int64(limits.maxMessageBytes)
        let bodyStart = min(headerStart, bodyEnd)
        let keptEnd = oversized ? min(bodyEnd, bodyStart + limits.maxMessageBytes) : bodyEnd
        let bytes = Self.unescapeMboxrd(buffer[bodyStart..<keptEnd])
        var message = RawMessage(bytes: bytes, envelope: envelope, offset: bufferBase + Int64(head),
                                 length: Int64(end - head) + dropped, oversized: oversized)
        // The stream stopped early, inside this last message: what was read of it is kept, flagged.
        message.truncated = end == buffer.count && eof && failure?.code == .truncated
        bufferBase += dropped   // dropped bytes are gone from the buffer but not from the stream
        dropped = 0
        head = end
        scanned = end
        newlineFreeEnd = 0
        return message
    }

    /// Drops the emitted bytes before `head`.
    private func compact() {
        buffer.removeSubrange(0..<head)
        bufferBase += Int64(head)
        scanned = max(0, scanned - head)
        newlineFreeEnd = newlineFreeEnd > head ? newlineFreeEnd - head : 0
        head = 0
    }

    private func trimLineEnd(_ end: Int) -> Int {
        var e = end
        while e > head + 5, buffer[e - 1] == .lf || buffer[e - 1] == .cr { e -= 1 }
        return e
    }

    private static let fromPrefix: [UInt8] = Array("From ".utf8)

    /// Removes one `>` from lines matching `^>+From ` (mboxrd).
    static func unescapeMboxrd(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var escapes: [Int] = []   // absolute indices of the `>` to drop
        bytes.withUnsafeBytes { buf in
            guard let base = buf.baseAddress else { return }
            let n = buf.count
            var i = 0
            while i < n {
                if buf[i] == UInt8(ascii: ">") {
                    var j = i
                    while j < n, buf[j] == UInt8(ascii: ">") { j += 1 }
                    if n - j >= 5, buf[j] == UInt8(ascii: "F"), buf[j + 1] == UInt8(ascii: "r"),
                       buf[j + 2] == UInt8(ascii: "o"), buf[j + 3] == UInt8(ascii: "m"), buf[j + 4] == .space {
                        escapes.append(bytes.startIndex + i)
                    }
                }
                guard let nl = memchr(base + i, Int32(UInt8.lf), n - i) else { break }
                i = base.distance(to: UnsafeRawPointer(nl)) + 1
            }
        }
        if escapes.isEmpty { return Array(bytes) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var from = bytes.startIndex
        for e in escapes {
            out.append(contentsOf: bytes[from..<e])
            from = e + 1
        }
        out.append(contentsOf: bytes[from...])
        return out
    }

    // MARK: - Input

    private func fill() throws {
        guard !eof else { return }
        // Read into a scratch chunk, then append only what came: growing the buffer by a chunk of
        // zeros first cost a pass over the whole chunk per read (slow element by element in debug).
        let into = scratch ?? UnsafeMutableBufferPointer<UInt8>.allocate(capacity: limits.chunkBytes)
        scratch = into
        var got = 0
        var failure: ArchiveError?
        do {
            got = try source.read(into: UnsafeMutableRawBufferPointer(into))
        } catch {
            failure = error as? ArchiveError ?? ArchiveError(.unreadable(errno: EIO), path: path)
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: into[..<got]))
        peakBufferBytes = max(peakBufferBytes, buffer.count)
        // An error ends the stream like its end would; `next()` throws it once the bytes before it are out.
        if let failure { eof = true; self.failure = failure; return }
        if got == 0 { eof = true }
    }

    private func skipLeadingBlankLines() throws {
        try fill()
        var i = 0
        while i < buffer.count, buffer[i] == .lf || buffer[i] == .cr { i += 1 }
        if i > 0 { buffer.removeSubrange(0..<i); bufferBase += Int64(i) }
    }
}
