import Foundation
import ListLensIndex

/// Paths the index tests use: the repository's fixtures, the shared corpora, and throwaway databases.
enum TestPaths {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var sample: String { repositoryRoot.appendingPathComponent("fixtures/sample/community-list.mbox").path }

    /// `$LISTLENS_CORPORA` when it names a folder; tests over real archives are skipped (and say so) otherwise.
    static var corpora: String? {
        guard let p = ProcessInfo.processInfo.environment["LISTLENS_CORPORA"], !p.isEmpty else { return nil }
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: p, isDirectory: &isDir) && isDir.boolValue ? p : nil
    }

    /// A fresh database in its own temporary folder; removed by `cleanup`.
    static func freshStore() throws -> (Store, cleanup: () -> Void) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("listlens-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try Store(path: dir.appendingPathComponent("test.sqlite").path)
        return (store, { try? FileManager.default.removeItem(at: dir) })
    }

    /// Runs a program and requires exit status 0.
    static func run(_ program: String, _ arguments: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = arguments
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw RunFailure(description: "\(program) exited with \(p.terminationStatus)") }
    }

    struct RunFailure: Error, CustomStringConvertible { var description: String }
}
