import Foundation

/// Streams every stored message as one JSON object per line (JSON Lines), oldest first.
public struct Exporter {
    let store: any MessageExporting

    public init(store: any MessageExporting) { self.store = store }

    /// Calls `emit` with each line (without the newline). The store reads through a cursor: memory stays flat.
    public func exportJSONLines(_ emit: (String) throws -> Void) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try store.forEachExportedMessage { message in
            try emit(String(decoding: try encoder.encode(message), as: UTF8.self))
        }
    }
}
