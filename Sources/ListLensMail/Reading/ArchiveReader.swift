#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens one archive file, sniffs its format from its content and hands out its messages.
///
/// ```swift
/// let reader = try ArchiveReader(path: "2013-July.txt.gz")
/// while let raw = try reader.next() { … }
/// ```
public final class ArchiveReader {
    public let path: String
    public let format: ArchiveFormat
    /// The compression the file was sniffed to have.
    public let compression: Compression
    /// True when the file was compressed (gzip or bzip2).
    public var compressed: Bool { compression != .none }

    public enum Compression: String, Sendable {
        case none, gzip, bzip2
    }
    public let fileSize: Int64
    /// Where reading started: 0, or the offset given as `resumingAt` when the file is an uncompressed mbox.
    public private(set) var resumedAt: Int64 = 0

    /// The stream being read: the file itself, or the current zip member.
    private var source: ByteSource?
    private var mbox: MboxReader?
    private var member: String?
    private var singleDone = false
    private let limits: ArchiveLimits
    private var zip: ZipArchive?
    private var pendingMembers: [ZipArchive.Member] = []
    /// Zip members that are not mail, with the reason (the rest of the archive is still read).
    public private(set) var skippedMembers: [SkippedMember] = []

    /// A zip member left out, and why: `README.txt`, `not mail`.
    public struct SkippedMember: Sendable, Equatable {
        public var name: String
        public var reason: String
        public init(name: String, reason: String) { self.name = name; self.reason = reason }
    }
    private var consumedBefore: Int64 = 0
    private let htmlContext: HTMLArchive.Context
    /// For an HTML file: what the page turned out to be (set once the page has been read).
    public private(set) var htmlRole: HTMLRole?

    public enum HTMLRole: String, Sendable {
        /// An archive's message page: one message.
        case message
        /// An index page (thread, date, author, subject): threading for its folder, no message.
        case index
        /// pipermail's scrubbed attachment: read with the message linking to it.
        case attachment
        /// An HTML mail body without headers: one message with a `no-headers` defect.
        case bareBody = "bare-body"
    }

    /// True when the file is a plain-text body without headers, read as one message (only with `bareText`).
    public private(set) var isBareText = false

    /// - Parameters:
    ///   - htmlContext: state shared by the HTML pages of one import (pipermail thread indexes).
    ///   - bareText: read a text file that is not mail (no mbox separator, no header at its start) as
    ///     one message body without headers, as the labelled reply sets hold them; `listlens inspect`
    ///     asks for this, imports do not (a folder's README is not a message).
    ///   - resumingAt: for an uncompressed mbox file, the offset of a message's separator line to start
    ///     reading at (an import reading on in a file that grew); other files are read from their start
    ///     (``resumedAt`` says which was done).
    public init(path: String, limits: ArchiveLimits = ArchiveLimits(), htmlContext: HTMLArchive.Context = HTMLArchive.Context(),
                bareText: Bool = false, resumingAt: Int64 = 0) throws {
        self.path = path
        self.limits = limits
        self.htmlContext = htmlContext
        var st = stat()
        guard stat(path, &st) == 0 else { throw ArchiveError(.unreadable(errno: errno), path: path) }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            throw ArchiveError(.notAnArchive(detail: "not a regular file"), path: path)
        }
        fileSize = Int64(st.st_size)

        let magic = try Self.peek(path: path, count: 4)
        if magic.count == 4 && magic[0] == UInt8(ascii: "P") && magic[1] == UInt8(ascii: "K") && magic[2] == 3 && magic[3] == 4 {
            compression = .none
            format = .zip
            let archive = try ZipArchive(path: path)
            zip = archive
            pendingMembers = archive.members
            return
        }
        if magic.count >= 2 && magic[0] == 0x1F && magic[1] == 0x8B {
            compression = .gzip
        } else if magic.count >= 3 && magic[0] == UInt8(ascii: "B") && magic[1] == UInt8(ascii: "Z") && magic[2] == UInt8(ascii: "h") {
            compression = .bzip2
        } else {
            compression = .none
        }
        // Sniff the decompressed head with a throwaway source; then stream from the start.
        let head = try Self.head(path: path, compression: compression, count: 4096)
        let sniffed = head.withUnsafeBytes { ArchiveFormat.sniff($0) }
        switch sniffed {
        case .success(let f): format = f
        case .failure where bareText && compression == .none && !head.isEmpty && !head.contains(0) && !head.allSatisfy({ $0 <= 0x20 }):
            format = .message
            isBareText = true
        case .failure(let failure):
            let holding = compression == .none ? "" : "\(compression.rawValue) holding "
            throw ArchiveError(.notAnArchive(detail: holding + failure.reason), path: path)
        }
        let start = format == .mbox && compression == .none ? min(max(0, resumingAt), fileSize) : 0
        let src: ByteSource = start > 0 ? try FileByteSource(path: path, offset: start) : try Self.open(path: path, compression: compression)
        source = src
        resumedAt = start
        mbox = format == .mbox ? MboxReader(source: src, path: path, limits: limits, startOffset: start) : nil
    }

    deinit { source?.close() }

    /// Bytes of the file consumed so far (compressed bytes for gzip), for progress and ETA.
    public var consumedFileBytes: Int64 { consumedBefore + (source?.consumedFileBytes ?? 0) }

    /// The next message, or `nil` at the end of the file.
    public func next() throws -> RawMessage? {
        while true {
            if source == nil {
                guard try openNextMember() else { return nil }
            }
            if let mbox {
                if var raw = try mbox.next() { raw.member = member; return raw }
            } else if format == .html {
                guard !singleDone else { return nil }
                singleDone = true
                return try readHTMLPage()
            } else if !singleDone {
                singleDone = true
                var raw = try readSingleMessage()
                raw.member = member
                return raw
            }
            guard zip != nil else { return nil }
            // This zip member is done: on to the next one.
            consumedBefore += source?.consumedFileBytes ?? 0
            source?.close()
            source = nil
            mbox = nil
        }
    }

    /// Opens the next zip member that holds mail; false when none is left.
    private func openNextMember() throws -> Bool {
        guard let zip else { return false }
        while !pendingMembers.isEmpty {
            let m = pendingMembers.removeFirst()
            let head: [UInt8]
            do {
                let probe = try zip.source(for: m)
                defer { probe.close() }
                head = try probe.read(count: 4096)
            } catch let error as ArchiveError {
                skippedMembers.append(SkippedMember(name: m.name, reason: error.reason))
                continue
            }
            guard case .success(let f) = head.withUnsafeBytes({ ArchiveFormat.sniff($0) }) else {
                skippedMembers.append(SkippedMember(name: m.name, reason: "not mail"))
                continue
            }
            let src = try zip.source(for: m)
            source = src
            member = m.name
            singleDone = false
            mbox = f == .mbox ? MboxReader(source: src, path: path, limits: limits) : nil
            return true
        }
        return false
    }

    /// Reads the page whole (pages are small; ``HTMLArchiveLimits/maxPageBytes`` bounds them) and turns it
    /// into its message, if it has one.
    private func readHTMLPage() throws -> RawMessage? {
        let (bytes, total) = try source!.readAll(keeping: HTMLArchiveLimits.maxPageBytes)   // set by init
        if total > Int64(HTMLArchiveLimits.maxPageBytes) {
            htmlRole = .message
            return RawMessage(bytes: Array(bytes.prefix(4096)), offset: 0, length: total, oversized: true)
        }
        switch HTMLArchive.page(path: path, bytes: bytes, context: htmlContext) {
        case .message(let raw): htmlRole = .message; return raw
        case .bareBody(let raw): htmlRole = .bareBody; return raw
        case .index: htmlRole = .index; return nil
        case .attachment: htmlRole = .attachment; return nil
        }
    }

    private func readSingleMessage() throws -> RawMessage {
        let (bytes, total) = try source!.readAll(keeping: limits.maxMessageBytes)   // set by next()
        guard isBareText else {
            return RawMessage(bytes: bytes, offset: 0, length: total, oversized: total > Int64(limits.maxMessageBytes))
        }
        // A body without headers: a blank line in front makes it one, with no header fields.
        var raw = RawMessage(bytes: [0x0A] + bytes, offset: 0, length: total, oversized: total > Int64(limits.maxMessageBytes))
        raw.origin = .bareText
        return raw
    }

    private static func peek(path: String, count: Int) throws -> [UInt8] {
        let src = try FileByteSource(path: path)
        defer { src.close() }
        var out = [UInt8](repeating: 0, count: count)
        let n = try out.withUnsafeMutableBytes { (b) throws -> Int in try src.read(into: b) }
        return Array(out[0..<n])
    }

    private static func open(path: String, compression: Compression) throws -> ByteSource {
        switch compression {
        case .none: return try FileByteSource(path: path)
        case .gzip: return try GzipByteSource(path: path)
        case .bzip2: return try Bzip2ByteSource(path: path)
        }
    }

    /// The first `count` bytes of the file's (decompressed) content.
    public static func head(path: String, compression: Compression, count: Int) throws -> [UInt8] {
        let src = try open(path: path, compression: compression)
        defer { src.close() }
        return try src.read(count: count)
    }
}
