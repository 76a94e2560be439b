import Foundation
import GRDB
import Testing
@testable import ListLensIndex
import ListLensMail
@testable import ListLensSQLite
import ListLensTestSupport

/// Issue 14: re-importing an unchanged file costs almost nothing, and a file that only grew is read
/// from where the last import stopped.
@Suite("source files: unchanged files are passed over, grown ones read on")
struct SourceFileTests {
    /// The reference implementation's values (Python's `xxhash.xxh64(b).intdigest()`).
    @Test("XXH64 gives the reference's digests, however the bytes are split")
    func xxh64() {
        #expect(XXH64.digest([UInt8]()) == 0xEF46_DB37_51D8_E999)
        #expect(XXH64.digest(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(XXH64.digest(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(XXH64.digest(Array(String(repeating: "ListLens", count: 5).utf8)) == 0x1AE0_19FF_A2C2_FF0D)
        let bytes = (0..<3).flatMap { _ in (0...255).map { UInt8($0) } }
        #expect(XXH64.digest(bytes) == 0x8E03_C838_C596_036F)
        for cut in [1, 7, 31, 32, 33, 100, 767] {
            var h = XXH64()
            bytes[..<cut].withUnsafeBytes { h.update($0) }
            bytes[cut...].withUnsafeBytes { h.update($0) }
            #expect(h.digest == 0x8E03_C838_C596_036F, "split at \(cut)")
        }
    }

    /// One more message for the sample list, as an mbox appends it.
    static let appended = """

        From erin@example.org  Mon Mar  9 10:00:00 2026
        From: Erin <erin@example.org>
        Message-ID: <appended-1@example.org>
        Date: Mon, 9 Mar 2026 10:00:00 +0000
        Subject: Re: quota proposal
        In-Reply-To: <quota-proposal-1@nimbus-cloud.example>

        One more answer, appended to the archive.

        """

    static func append(_ text: String, to path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// A fresh store, the sample list copied to `list.mbox` in a temporary folder, and that copy imported.
    static func importedCopy() throws -> (SQLiteStore, cleanup: () -> Void, TemporaryDirectory, ImportSummary) {
        let (store, cleanup) = try ThrowawayStore.fresh()
        let tmp = try TemporaryDirectory("source-files")
        try FileManager.default.copyItem(atPath: Fixtures.sample, toPath: tmp.file("list.mbox"))
        let first = try Importer(store: store).run(paths: [tmp.file("list.mbox")])
        return (store, { cleanup(); tmp.remove() }, tmp, first)
    }

    @Test("an unchanged file is not read again; a touched one is hashed and still passed over")
    func unchanged() throws {
        let (store, cleanup, tmp, first) = try Self.importedCopy()
        defer { cleanup() }
        let path = tmp.file("list.mbox")
        #expect(first.imported == 10 && first.files == 1 && first.unchangedFiles == 0)
        let stored = try #require(try store.storedSourceFile(path: FileDiscovery.realPath(path)))
        #expect(stored.fingerprint.size == Int64(try Data(contentsOf: URL(fileURLWithPath: path)).count))
        #expect(stored.resumeOffset != nil, "an uncompressed mbox can be read on")

        let again = try Importer(store: store).run(paths: [path])
        #expect(again.files == 0 && again.unchangedFiles == 1 && again.messagesRead == 0)

        // A new time, the same bytes (touch, a copy that kept the content): the whole file is
        // hashed, found the same, and the new time recorded so the next import decides at once.
        let later = Date(timeIntervalSinceNow: 3600)
        try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: path)
        let touched = try Importer(store: store).run(paths: [path])
        #expect(touched.files == 0 && touched.unchangedFiles == 1)
        let retimed = try #require(try store.storedSourceFile(path: FileDiscovery.realPath(path)))
        #expect(retimed.fingerprint.modified != stored.fingerprint.modified)
        #expect(retimed.fingerprint.content == stored.fingerprint.content)
        #expect(try SourceChange.of(path: path, stored: retimed) == .unchanged(retimed.fingerprint))
    }

    @Test("an mbox that grew is read from its last message on; the new message keeps its place in the file")
    func grown() throws {
        let (store, cleanup, tmp, _) = try Self.importedCopy()
        defer { cleanup() }
        let path = tmp.file("list.mbox")
        let oldSize = try #require(try store.storedSourceFile(path: FileDiscovery.realPath(path))).fingerprint.size
        try Self.append(Self.appended, to: path)

        let grown = try Importer(store: store).run(paths: [path])
        #expect(grown.resumedFiles == 1 && grown.files == 1)
        #expect(grown.imported == 1, "only the appended message is new")
        #expect(grown.duplicates == 1, "the last message read before is read again, and found stored")
        #expect(grown.bytes < oldSize, "the old bytes were not read again")

        // Its provenance is its place in the whole file, not in the part read.
        let row = try #require(try store.read { db in
            try Row.fetchOne(db, sql: "SELECT offset, length FROM message WHERE message_id = 'appended-1@example.org'")
        })
        let (offset, length): (Int64, Int64) = (row[0], row[1])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let text = String(decoding: bytes[Int(offset)..<Int(offset + length)], as: UTF8.self)
        #expect(text.hasPrefix("From erin@example.org"))
        #expect(text.contains("One more answer, appended to the archive."))
        #expect(try store.counts().messages == 11)

        let after = try Importer(store: store).run(paths: [path])
        #expect(after.unchangedFiles == 1 && after.messagesRead == 0)
    }

    @Test("a file changed in place, shortened, or grown with its start changed is read again whole")
    func changed() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let tmp = try TemporaryDirectory("source-files")
        let path = tmp.file("list.mbox")
        let original = try String(contentsOfFile: Fixtures.sample, encoding: .utf8)
        try original.write(toFile: path, atomically: false, encoding: .utf8)
        _ = try Importer(store: store).run(paths: [path])

        // The same size, one word changed (a list admin's edit): everything read, nothing lost.
        let edited = original.replacingOccurrences(of: "quota", with: "QUOTA")
        #expect(edited != original && edited.utf8.count == original.utf8.count)
        try edited.write(toFile: path, atomically: false, encoding: .utf8)
        let sameSize = try Importer(store: store).run(paths: [path])
        #expect(sameSize.files == 1 && sameSize.resumedFiles == 0 && sameSize.messagesRead == 10)

        // Longer, but not by appending: its old bytes are no longer its start.
        try (Self.appended + edited).write(toFile: path, atomically: false, encoding: .utf8)
        let prepended = try Importer(store: store).run(paths: [path])
        #expect(prepended.resumedFiles == 0 && prepended.messagesRead == 11 && prepended.imported == 1)

        // Shorter: its first five messages.
        let sixth = original.ranges(of: "\nFrom ")[4].lowerBound
        try String(original[..<sixth]).write(toFile: path, atomically: false, encoding: .utf8)
        let shorter = try Importer(store: store).run(paths: [path])
        #expect(shorter.files == 1 && shorter.resumedFiles == 0 && shorter.messagesRead == 5 && shorter.imported == 0)
    }

    @Test("a gzip file that grew is read again whole: its stream cannot be entered in the middle")
    func compressed() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let tmp = try TemporaryDirectory("source-files")
        let plain = tmp.file("list.mbox")
        try FileManager.default.copyItem(atPath: Fixtures.sample, toPath: plain)
        try ProcessRunner.require("gzip", ["-k", "-n", plain])
        let gz = plain + ".gz"
        let first = try Importer(store: store).run(paths: [gz])
        #expect(first.imported == 10)
        #expect(try store.storedSourceFile(path: FileDiscovery.realPath(gz))?.resumeOffset == nil)
        #expect(try Importer(store: store).run(paths: [gz]).unchangedFiles == 1)

        try Self.append(Self.appended, to: plain)
        try FileManager.default.removeItem(atPath: gz)
        try ProcessRunner.require("gzip", ["-k", "-n", plain])
        let grown = try Importer(store: store).run(paths: [gz])
        #expect(grown.resumedFiles == 0 && grown.imported == 1 && grown.duplicates == 10)
    }

    @Test("--replace, given values and subject threading read unchanged files; a removal forgets every file")
    func rereading() throws {
        let (store, cleanup, tmp, _) = try Self.importedCopy()
        defer { cleanup() }
        let path = tmp.file("list.mbox")

        let replaced = try Importer(store: store, options: .init(replace: true)).run(paths: [path])
        #expect(replaced.files == 1 && replaced.replaced == 10)
        let subjects = try Importer(store: store, options: .init(threadsBySubject: true)).run(paths: [path])
        #expect(subjects.files == 1 && subjects.duplicates == 10)
        let defaults = try MessageDefaults.parse(from: "Someone <someone@example.org>", date: nil, subject: nil).get()
        let given = try Importer(store: store, options: .init(defaults: defaults)).run(paths: [path])
        #expect(given.files == 1 && given.duplicates == 10)

        // Taken out, then imported again: the file is read, and the message is back.
        let removed = try store.remove(.messageID("quota-proposal-1@nimbus-cloud.example"))
        #expect(removed.messages == 1)
        #expect(try store.storedSourceFile(path: FileDiscovery.realPath(path)) == nil)
        let back = try Importer(store: store).run(paths: [path])
        #expect(back.files == 1 && back.imported == 1 && back.duplicates == 9)
        #expect(try store.counts().messages == 10)
    }

    @Test("a grown file is read on only where its recorded message still starts a separator line")
    func resumePointChecked() throws {
        let tmp = try TemporaryDirectory("source-files")
        let path = tmp.file("list.mbox")
        try FileManager.default.copyItem(atPath: Fixtures.sample, toPath: path)
        let fingerprint = try SourceFingerprint.full(path: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let last = try #require(text.range(of: "\nFrom ", options: .backwards))
        let lastSeparator = Int64(text.utf8.distance(from: text.startIndex, to: last.lowerBound) + 1)   // bytes, not characters
        try Self.append(Self.appended, to: path)
        let good = StoredSourceFile(path: path, fingerprint: fingerprint, resumeOffset: lastSeparator)
        #expect(try SourceChange.of(path: path, stored: good) == .grew(resumeAt: lastSeparator, try SourceFingerprint.full(path: path)),
                "read on at the last message, with the whole file's fingerprint")
        let bad = StoredSourceFile(path: path, fingerprint: fingerprint, resumeOffset: lastSeparator + 3)
        #expect(try SourceChange.of(path: path, stored: bad) == .changed)
        let notResumable = StoredSourceFile(path: path, fingerprint: fingerprint, resumeOffset: nil)
        #expect(try SourceChange.of(path: path, stored: notResumable) == .changed)
        #expect(try SourceChange.of(path: path, stored: nil) == .new)
    }
}
