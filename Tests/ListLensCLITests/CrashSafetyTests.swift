import Foundation
import ListLensTestSupport
import Testing

/// An import killed with SIGKILL at any moment, then run again, gives the database an
/// uninterrupted import gives (issue 9).
@Suite("Crash safety", .serialized)
struct CrashSafetyTests {
    /// `count` messages in threads of ten, with an org per sender domain.
    static func mbox(count: Int) -> String {
        (0..<count).map { i in
            "From p\(i % 13)@org\(i % 7).example Mon Mar  2 09:00:00 2026\n"
                + "From: Person \(i % 13) <p\(i % 13)@org\(i % 7).example>\n"
                + "Subject: topic \(i / 10)\n"
                + "Date: Mon, 02 Mar 2026 \(String(format: "%02d:%02d", (i / 60) % 24, i % 60)):00 +0000\n"
                + "Message-ID: <crash-\(i)@example.org>\n"
                + (i % 10 == 0 ? "" : "In-Reply-To: <crash-\(i - 1)@example.org>\n")
                + "\nMessage \(i): " + String(repeating: "words to index ", count: 20) + "\n\n"
        }.joined()
    }

    static func export(_ db: String) throws -> [String] {
        let r = try CLIRun.run(["export", "--db", db])
        try #require(r.status == 0, "export: \(r.stderr)")
        return r.stdout.split(separator: "\n").map(String.init).sorted()
    }

    @Test("kill -9 during an import, then import again: the same messages, threads and search hits")
    func killedImport() throws {
        let tmp = try TemporaryDirectory("crash")
        let archive = try tmp.write("list.mbox", Self.mbox(count: 6_000))
        let reference = tmp.file("reference.sqlite")
        #expect(try CLIRun.run(["import", "--db", reference, archive]).status == 0)
        let expected = try Self.export(reference)
        let expectedHits = try CLIRun.run(["search", "--db", reference, "--format", "json", "--limit", "1000", "words"]).stdout
        #expect(expected.count == 6_000)

        for (n, delay) in [0.05, 0.3, 0.8, 1.5, 3.0].enumerated() {
            let db = tmp.file("killed-\(n).sqlite")
            let p = Process()
            p.executableURL = CLIRun.binary
            p.arguments = ["import", "--quiet", "--db", db, archive]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let again = try CLIRun.run(["import", "--db", db, archive])
            #expect(again.status == 0, "re-import after a kill at \(delay) s: \(again.stderr)")
            #expect(try Self.export(db) == expected, "after a kill at \(delay) s")
            #expect(try CLIRun.run(["search", "--db", db, "--format", "json", "--limit", "1000", "words"]).stdout == expectedHits)
            let check = try ProcessRunner.require("python3", ["-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])", db])
            #expect(check.stdout == "ok\n")
        }
    }
}
