import Foundation

/// `-` among the paths to import: standard input, spooled to a temporary file so that its format
/// is sniffed and read like any file's (a gzip piped in is a gzip). Memory stays flat: the copy
/// goes through one chunk. Its messages' source is `-`.
enum StandardInput {
    /// The path that stands for standard input.
    static let path = "-"

    /// Copies standard input to a new temporary file and returns its path; the caller removes it.
    static func spool(chunkBytes: Int = 1 << 20) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("listlens-stdin-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw SpoolError(description: "\(url.path): cannot create a file for standard input")
        }
        let out = try FileHandle(forWritingTo: url)
        defer { try? out.close() }
        while true {
            let data = FileHandle.standardInput.readData(ofLength: chunkBytes)
            if data.isEmpty { break }
            try out.write(contentsOf: data)
        }
        return url.path
    }

    /// Standard input could not be spooled (no room in the temporary folder).
    struct SpoolError: Error, CustomStringConvertible {
        var description: String
    }
}
