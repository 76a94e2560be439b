import Foundation

/// A folder of its own for one test, removed when the value goes away (or by ``remove()``).
public final class TemporaryDirectory {
    public let url: URL
    public var path: String { url.path }

    /// Makes `…/tmp/listlens-<label>-<uuid>/`.
    public init(_ label: String = "test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("listlens-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the folder.
    public func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to a file in the folder (`name` may hold subfolders, made as needed) and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let path = file(name)
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }

    deinit { remove() }
}
