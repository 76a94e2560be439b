import GRDB

/// Failures of the SQLite store itself. Descriptions name the file and SQLite's reason; they never
/// include SQL text, bound values, message content or addresses.
public enum SQLiteStoreError: Error, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    /// The file is an SQLite database but holds no ListLens tables.
    case notAListLensDatabase(path: String)
    /// Another process held the database longer than ``SQLiteStore/busyTimeout`` (an import writing).
    case busy(path: String)
    /// Any other SQLite failure, by its reason alone.
    case failed(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "\(path): cannot open database: \(reason)"
        case .notAListLensDatabase(let path): return "\(path): not a ListLens database (no message table)"
        case .busy(let path):
            return "\(path): the database stayed busy for \(Int(SQLiteStore.busyTimeout)) s (another import is writing); try again when it is done"
        case .failed(let path, let reason): return "\(path): database error: \(reason)"
        }
    }

    /// The error a GRDB error stands for, without its SQL (GRDB's description quotes the statement).
    static func from(_ error: DatabaseError, path: String) -> SQLiteStoreError {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path)
        default: return .failed(path: path, reason: error.message ?? "SQLite error \(error.resultCode.rawValue)")
        }
    }
}
