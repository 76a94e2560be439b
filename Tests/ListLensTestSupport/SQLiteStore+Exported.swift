import Foundation
import ListLensIndex
import ListLensSQLite

extension SQLiteStore {
    /// Every published message as the export contract has it, in export order.
    public func exportedMessages() throws -> [ExportedMessage] {
        var out: [ExportedMessage] = []
        let decoder = JSONDecoder()
        try Exporter(store: self).exportJSONLines { line in
            out.append(try decoder.decode(ExportedMessage.self, from: Data(line.utf8)))
        }
        return out
    }
}
