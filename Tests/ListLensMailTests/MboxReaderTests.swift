import Foundation
import ListLensTestSupport
import Testing
@testable import ListLensMail

@Suite("mbox reading")
struct MboxReaderTests {
    static let mbox = """
        From alice@x.example  Mon Jul  1 14:35:59 2013
        From: alice@x.example
        Message-ID: <1@x.example>

        first body
        From here on a body line starts with From but no header follows.
        >From an mboxrd escape
        >>From a doubly escaped line

        From bob at y.example  Mon Jul  1 15:00:00 2013
        From: bob at y.example (Bob)
        Message-ID: <2@x.example>

        second body

        From carol@z.example Mon Jul  1 16:00:00 2013
        Subject: no blank line before the next separator
        Message-ID: <3@x.example>

        third
        """

    /// Runs `body` with a fresh temporary folder, removed afterwards.
    func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let dir = try TemporaryDirectory("mbox")
        return try body(dir.url)
    }

    /// Runs a tool found in PATH, feeding `input`; returns its stdout and requires exit status 0.
    @discardableResult
    func run(_ arguments: [String], input: Data? = nil) throws -> Data {
        try ProcessRunner.require(arguments[0], Array(arguments.dropFirst()), input: input).stdoutData
    }

    func read(_ text: String, chunk: Int) throws -> [RawMessage] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mbox-\(UUID().uuidString)")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var limits = ArchiveLimits()
        limits.chunkBytes = chunk
        let reader = try ArchiveReader(path: url.path, limits: limits)
        #expect(reader.format == .mbox)
        var out: [RawMessage] = []
        while let m = try reader.next() { out.append(m) }
        return out
    }

    @Test("splits only where a header follows, at every chunk size", arguments: [7, 64, 1 << 20])
    func split(chunk: Int) throws {
        let messages = try read(Self.mbox, chunk: chunk)
        #expect(messages.count == 3)
        let first = String(decoding: messages[0].bytes, as: UTF8.self)
        #expect(first.contains("From here on a body line"))
        #expect(first.contains("\nFrom an mboxrd escape\n"))
        #expect(first.contains("\n>From a doubly escaped line"))
        #expect(!first.hasSuffix("\n\n"))
        #expect(String(decoding: messages[0].envelope ?? [], as: UTF8.self) == "alice@x.example  Mon Jul  1 14:35:59 2013")
        // Offsets and lengths tile the file exactly.
        var expectedOffset: Int64 = 0
        for m in messages {
            #expect(m.offset == expectedOffset)
            expectedOffset += m.length
        }
        #expect(expectedOffset == Int64(Self.mbox.utf8.count))
    }

    @Test("a message over the size limit is flagged, memory stays bounded, and offsets stay exact", arguments: [64, 4096])
    func oversized(chunk: Int) throws {
        let big = String(repeating: "a long body line that repeats\n", count: 400)   // 12,000 bytes
        let text = "From a@x.example  Mon Jul  1 14:35:59 2013\nMessage-ID: <big@x.example>\n\n\(big)\n"
            + "From b@x.example  Mon Jul  1 15:35:59 2013\nMessage-ID: <small@x.example>\n\nsmall\n"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID().uuidString)")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var limits = ArchiveLimits()
        limits.chunkBytes = chunk
        limits.maxMessageBytes = 2000
        let reader = try ArchiveReader(path: url.path, limits: limits)
        var messages: [RawMessage] = []
        while let m = try reader.next() { messages.append(m) }
        #expect(messages.count == 2)
        #expect(messages[0].oversized && !messages[1].oversized)
        #expect(messages[0].bytes.count <= 2000)
        #expect(messages[1].offset == messages[0].length)
        #expect(messages[0].length + messages[1].length == Int64(text.utf8.count))
        #expect(String(decoding: messages[1].bytes, as: UTF8.self).hasSuffix("\n\nsmall\n"))
    }

    /// Reads `text` with a small chunk and message limit; returns the messages and the reader's peak buffer.
    func readLimited(_ text: String, chunk: Int, maxMessageBytes: Int) throws -> (messages: [RawMessage], peak: Int) {
        let dir = try TemporaryDirectory("mbox")
        let path = try dir.write("endless.mbox", text)
        var limits = ArchiveLimits()
        limits.chunkBytes = chunk
        limits.maxMessageBytes = maxMessageBytes
        let source = try FileByteSource(path: path)
        defer { source.close() }
        let reader = MboxReader(source: source, path: path, limits: limits)
        var messages: [RawMessage] = []
        while let m = try reader.next() { messages.append(m) }
        return (messages, reader.peakBufferBytes)
    }

    @Test("a body line that never ends is searched once, cut at the message limit, and the next message is still found (issue 9)", arguments: [64, 4096])
    func endlessLine(chunk: Int) throws {
        let endless = String(repeating: "no newline here ", count: 20_000)   // 320,000 bytes in one line
        let text = "From a@x.example  Mon Jul  1 14:35:59 2013\nMessage-ID: <endless@x.example>\n\n\(endless)\n"
            + "From b@x.example  Mon Jul  1 15:35:59 2013\nMessage-ID: <after@x.example>\n\nafter\n"
        let (messages, peak) = try readLimited(text, chunk: chunk, maxMessageBytes: 20_000)
        try #require(messages.count == 2)
        #expect(peak <= 20_000 + 2 * chunk + 1024, "memory is bounded by the message limit, not the line (peak \(peak))")
        #expect(messages[0].oversized && messages[0].bytes.count <= 20_000)
        #expect(!messages[1].oversized && String(decoding: messages[1].bytes, as: UTF8.self).hasSuffix("\n\nafter\n"))
        #expect(messages[1].offset == messages[0].length)
        #expect(messages[0].length + messages[1].length == Int64(text.utf8.count))
        // Under the limit the same line is kept whole.
        let whole = try readLimited(text, chunk: chunk, maxMessageBytes: 1 << 20).messages
        #expect(whole.count == 2 && !whole[0].oversized)
        #expect(String(decoding: whole[0].bytes, as: UTF8.self).contains(endless))
    }

    @Test("a file of carriage returns only (no line feed at all) stays one bounded message")
    func carriageReturnsOnly() throws {
        let text = "From a@x.example  Mon Jul  1 14:35:59 2013\rMessage-ID: <cr@x.example>\r\r"
            + String(repeating: "a line ended by CR alone\r", count: 200_000)   // 5,000,000 bytes
        let (messages, peak) = try readLimited(text, chunk: 4096, maxMessageBytes: 50_000)
        #expect(messages.count == 1)
        // The separator "line" is cut at the message limit and the Content-Length search at its own.
        let bound = 2 * 50_000 + ArchiveLimits.maxContentLengthHeaderBytes + 4 * 4096
        #expect(peak <= bound, "bounded whatever the file's size (peak \(peak), bound \(bound))")
        #expect(messages.allSatisfy { $0.bytes.count <= 50_000 })
        #expect(messages.reduce(0) { $0 + $1.length } == Int64(text.utf8.count))
    }

    @Test("mboxcl2: a Content-Length that lands on the next separator keeps a forwarded message whole", arguments: [7, 1 << 20])
    func contentLength(chunk: Int) throws {
        let body = "Forwarded:\nFrom bob@y.example Mon Jul  1 10:00:00 2013\nSubject: inner\n\ninner body\n"
        let text = "From a@x.example  Mon Jul  1 14:35:59 2013\nMessage-ID: <cl@x.example>\nContent-Length: \(body.utf8.count)\n\n"
            + body + "\nFrom c@x.example  Mon Jul  1 15:35:59 2013\nMessage-ID: <cl2@x.example>\nContent-Length: 5\n\nlast\n"
        let messages = try read(text, chunk: chunk)
        #expect(messages.count == 2)
        #expect(String(decoding: messages[0].bytes, as: UTF8.self).hasSuffix("inner body\n"))
        #expect(messages[0].length + messages[1].length == Int64(text.utf8.count))
        // A wrong Content-Length is ignored: the separator rule splits as usual.
        let wrong = text.replacingOccurrences(of: "Content-Length: \(body.utf8.count)", with: "Content-Length: 3")
        #expect(try read(wrong, chunk: chunk).count == 3)
    }

    @Test("gzip is sniffed from content, not the name")
    func gzip() throws {
        try withTemporaryDirectory { dir in
            let plain = dir.appendingPathComponent("archive")
            try Data(Self.mbox.utf8).write(to: plain)
            try run(["gzip", "-n", plain.path])
            let reader = try ArchiveReader(path: plain.path + ".gz")
            #expect(reader.compressed)
            var n = 0
            while try reader.next() != nil { n += 1 }
            #expect(n == 3)
        }
    }

    @Test("bzip2, including concatenated streams, is sniffed from content", arguments: [false, true])
    func bzip2(concatenated: Bool) throws {
        let compress = ["python3", "-c", "import bz2,sys; sys.stdout.buffer.write(bz2.compress(sys.stdin.buffer.read()))"]
        func bz(_ text: String) throws -> Data { try run(compress, input: Data(text.utf8)) }
        // pbzip2 writes one stream per block: split the mbox between messages 2 and 3.
        let cut = Self.mbox.range(of: "From carol")!.lowerBound   // the fixture above holds this line
        let data = concatenated ? try bz(String(Self.mbox[..<cut])) + bz(String(Self.mbox[cut...])) : try bz(Self.mbox)
        try withTemporaryDirectory { dir in
            let archive = dir.appendingPathComponent("archive.data")
            try data.write(to: archive)
            let reader = try ArchiveReader(path: archive.path)
            #expect(reader.compression == .bzip2)
            var n = 0
            while try reader.next() != nil { n += 1 }
            #expect(n == 3)
        }
    }

    @Test("zip members are read in turn, deflated or stored; members that are not mail are named and skipped")
    func zip() throws {
        try withTemporaryDirectory { dir in
            let mbox = dir.appendingPathComponent("messages.mbox")
            try Data(Self.mbox.utf8).write(to: mbox)
            let zip = dir.appendingPathComponent("export.zip")
            try run(["python3", "-c", """
                import sys, zipfile
                with zipfile.ZipFile(sys.argv[1], "w") as z:
                    z.write(sys.argv[2], "messages.mbox", compress_type=zipfile.ZIP_DEFLATED)
                    z.writestr("README.txt", "an export of the list\\n")
                    z.writestr("single.eml", "Message-ID: <z@x.example>\\nSubject: stored\\n\\nbody\\n", compress_type=zipfile.ZIP_STORED)
                """, zip.path, mbox.path])
            let reader = try ArchiveReader(path: zip.path)
            #expect(reader.format == .zip)
            var messages: [RawMessage] = []
            while let m = try reader.next() { messages.append(m) }
            #expect(messages.map(\.member) == ["messages.mbox", "messages.mbox", "messages.mbox", "single.eml"])
            #expect(messages[2].offset + messages[2].length == Int64(Self.mbox.utf8.count))
            #expect(reader.skippedMembers == [ArchiveReader.SkippedMember(name: "README.txt", reason: "not mail")])
        }
    }

    @Test("a file that is not mail is refused with its name")
    func notMail() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("notmail-\(UUID().uuidString).txt")
        try Data("just some notes\nnothing else\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect { try ArchiveReader(path: url.path) } throws: { error in
            guard let e = error as? ArchiveError, e.code == .notAnArchive else { return false }
            return e.description.hasPrefix(url.path)
        }
    }

    @Test("a truncated gzip keeps what was read and names the file and offset")
    func truncatedGzip() throws {
        try withTemporaryDirectory { dir in
            let plain = dir.appendingPathComponent("big")
            var text = ""
            for i in 0..<400 { text += "From a@x.example  Mon Jul  1 14:35:59 2013\nMessage-ID: <\(i)@x.example>\n\n\(String(repeating: "body \(i) ", count: 40))\n\n" }
            try Data(text.utf8).write(to: plain)
            try run(["gzip", "-n", plain.path])
            let gzPath = plain.path + ".gz"
            let gz = try Data(contentsOf: URL(fileURLWithPath: gzPath))
            try gz.prefix(gz.count / 2).write(to: URL(fileURLWithPath: gzPath))
            let reader = try ArchiveReader(path: gzPath)
            var messages: [RawMessage] = []
            var failure: ArchiveError? = nil
            do { while let m = try reader.next() { messages.append(m) } } catch let e as ArchiveError { failure = e }
            #expect(messages.count > 0 && messages.count < 400)
            #expect(failure?.code == .truncated)
            #expect(failure?.description.contains(gzPath) == true)
            // The message the file stops inside is handed out, flagged, not dropped (issue 9).
            #expect(messages.last?.truncated == true && messages.dropLast().allSatisfy { !$0.truncated })
            let last = String(decoding: messages.last?.bytes ?? [], as: UTF8.self)
            #expect(last.hasPrefix("Message-ID: <\(messages.count - 1)@x.example>"))
        }
    }

    @Test("a gzip whose CRC trailer alone is damaged yields every message, then the error (issue 9: it yielded none)")
    func damagedCRC() throws {
        try withTemporaryDirectory { dir in
            let plain = dir.appendingPathComponent("month")
            var text = ""
            for i in 0..<2_000 { text += "From a@x.example  Mon Jul  1 14:35:59 2013\nMessage-ID: <\(i)@x.example>\n\nbody \(i)\n\n" }
            try Data(text.utf8).write(to: plain)
            try run(["gzip", "-n", plain.path])
            let gzPath = plain.path + ".gz"
            var gz = try Data(contentsOf: URL(fileURLWithPath: gzPath))
            gz[gz.count - 8] ^= 0xFF   // the first byte of the CRC-32 trailer (RFC 1952 §2.3.1)
            try gz.write(to: URL(fileURLWithPath: gzPath))
            let reader = try ArchiveReader(path: gzPath)
            var n = 0
            var failure: ArchiveError? = nil
            do { while try reader.next() != nil { n += 1 } } catch let e as ArchiveError { failure = e }
            #expect(n == 2_000)
            #expect(failure?.code == .corruptCompression)
        }
    }

    @Test("gzip members are read one after the other; bytes after the last member are ignored")
    func gzipMembers() throws {
        try withTemporaryDirectory { dir in
            let a = "From a@x.example  Mon Jul  1 14:35:59 2013\nMessage-ID: <a@x.example>\n\none\n\n"
            let b = "From b@x.example  Mon Jul  1 14:35:59 2013\nMessage-ID: <b@x.example>\n\ntwo\n"
            let joined = try run(["gzip", "-c", "-n"], input: Data(a.utf8)) + run(["gzip", "-c", "-n"], input: Data(b.utf8))
                + Data(repeating: 0, count: 512)   // tape padding, as some tools leave
            let path = dir.appendingPathComponent("two.gz")
            try joined.write(to: path)
            let reader = try ArchiveReader(path: path.path)
            var ids: [String] = []
            while let m = try reader.next() { ids.append(String(decoding: m.bytes, as: UTF8.self)) }
            #expect(ids.count == 2 && ids[1].hasSuffix("two\n"))
        }
    }

    @Test("MboxWriter writes what MboxReader reads back: `From ` lines quoted, envelopes kept, dates in asctime form")
    func writerRoundTrip() throws {
        let bodies = [
            "From: a@example.org\nSubject: one\n\nFrom here on\n>From there\n>>From afar\nplain",
            "From: b@example.org\nSubject: two\n\nno final newline",
        ]
        var mbox: [UInt8] = []
        mbox += MboxWriter.entry(Array(bodies[0].utf8), envelope: Array("a@example.org  Mon Jul  1 20:35:59 2013".utf8), sender: nil, date: nil)
        mbox += MboxWriter.entry(Array(bodies[1].utf8), envelope: nil, sender: "b@example.org", date: MailDate(epochSeconds: 1_372_710_959))
        let text = String(decoding: mbox, as: UTF8.self)
        #expect(text.contains("\n>From here on\n>>From there\n>>>From afar\n"))
        #expect(text.contains("From b@example.org Mon Jul  1 20:35:59 2013\n"))
        let read = try self.read(text, chunk: 64)
        #expect(read.count == 2)
        #expect(read.map { String(decoding: $0.bytes, as: UTF8.self) } == [bodies[0] + "\n", bodies[1] + "\n"])
        #expect(read[0].envelope.map { String(decoding: $0, as: UTF8.self) } == "a@example.org  Mon Jul  1 20:35:59 2013")
        #expect(MboxWriter.asctime(0) == "Thu Jan  1 00:00:00 1970")
        #expect(MboxWriter.asctime(-1) == "Wed Dec 31 23:59:59 1969")
    }
}
