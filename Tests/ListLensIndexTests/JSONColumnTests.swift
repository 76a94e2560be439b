import GRDB
@testable import ListLensSQLite
import Testing

@Suite("JSON columns")
struct JSONColumnTests {
    @Test("integer arrays are the JSON SQLite reads back: every digit, every sign, the extremes")
    func integers() throws {
        let values: [Int64] = [0, 7, -7, 10, -10, 1_234_567_890_123, Int64.max, Int64.min, Int64.min + 1, -1]
        let text = JSONColumn.integers(values)
        #expect(text == "[" + values.map(String.init).joined(separator: ",") + "]")
        #expect(JSONColumn.integers([]) == "[]")
        let queue = try DatabaseQueue()
        let back = try queue.read { db in try Int64.fetchAll(db, sql: "SELECT value FROM json_each(?) ORDER BY key", arguments: [text]) }
        #expect(back == values)
    }
}
