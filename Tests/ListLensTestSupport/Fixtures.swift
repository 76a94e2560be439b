import Foundation

/// Where the tests' inputs are: the repository's fixtures (small cases written for ListLens, always
/// present) and the shared real-archive corpora (present when `LISTLENS_CORPORA` names them).
public enum Fixtures {
    /// The repository checkout these tests were built from.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A fixture by its path under `fixtures/`: `Fixtures.path("clients/outlook-reply.eml")`.
    public static func path(_ relative: String) -> String {
        repositoryRoot.appendingPathComponent("fixtures").appendingPathComponent(relative).path
    }

    /// The demo's sample list.
    public static var sample: String { path("sample/community-list.mbox") }

    /// `$LISTLENS_CORPORA` when it names a folder; tests over real archives are skipped (and say so) otherwise.
    public static var corpora: String? {
        guard let p = ProcessInfo.processInfo.environment["LISTLENS_CORPORA"], !p.isEmpty else { return nil }
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: p, isDirectory: &isDir) && isDir.boolValue ? p : nil
    }

}
