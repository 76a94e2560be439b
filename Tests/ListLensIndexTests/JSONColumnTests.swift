import GRDB
@testable import ListLensSQLite
import Testing

@Suite("JSON columns")
struct JSONColumnTests {
    @Test("string arrays are the JSON SQLite reads back: quotes, backslashes, control characters, non-ASCII")
    func strings() throws {
        let values = ["", "plain", "a \"quoted\" word", "back\\slash", "line\nbreak\r\ttab", "\u{01}\u{1F}", "Hervé мещеряков 日本"]
        let text = JSONColumn.array(values)
        #expect(JSONColumn.array([]) == "[]")
        let queue = try DatabaseQueue()
        let back = try queue.read { db in try String.fetchAll(db, sql: "SELECT value FROM json_each(?) ORDER BY key", arguments: [text]) }
        #expect(back == values)
    }
}
