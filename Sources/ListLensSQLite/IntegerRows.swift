import GRDB
import GRDBSQLite

/// The rows of a statement whose columns are integers (or NULL), read through SQLite's C
/// interface. Reports read hundreds of thousands of such rows on a million messages, where
/// GRDB's `Row` subscripts cost more per row than SQLite took to produce it.
struct IntegerRows {
    private let cursor: RowCursor
    private let statement: SQLiteStatement

    init(_ db: Database, sql: String, arguments: StatementArguments) throws {
        let statement = try db.makeStatement(sql: sql)
        // The cursor steps the statement (and keeps it alive); its rows are read here directly.
        cursor = try Row.fetchCursor(statement, arguments: arguments)
        self.statement = statement.sqliteStatement
    }

    /// Steps to the next row; false after the last.
    func next() throws -> Bool { try cursor.next() != nil }

    /// Column `i` of the current row (0 where NULL).
    subscript(i: Int32) -> Int64 { sqlite3_column_int64(statement, i) }

    /// Column `i` of the current row, nil where NULL.
    subscript(optional i: Int32) -> Int64? {
        sqlite3_column_type(statement, i) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, i)
    }
}
