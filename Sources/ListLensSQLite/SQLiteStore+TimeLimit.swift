import Dispatch
import GRDB
import GRDBSQLite
import ListLensIndex

extension SQLiteStore {
    /// How many SQLite virtual-machine steps run between two looks at the clock while a time
    /// limit holds (a look costs tens of nanoseconds, a thousand steps some microseconds).
    static let stepsBetweenClockChecks: Int32 = 1000

    /// Runs `body` on `db`, stopping any statement still running after `limit`: SQLite's progress
    /// handler interrupts it (SQLITE_INTERRUPT), which becomes ``SearchTimeLimitExceeded``. The
    /// handler is the connection's only while `body` runs.
    static func withTimeLimit<T>(_ db: Database, _ limit: Duration, _ body: () throws -> T) throws -> T {
        let (seconds, attoseconds) = limit.components
        let nanoseconds = seconds >= Int64.max / 1_000_000_000 ? UInt64.max
            : UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds / 1_000_000_000))
        let deadline = UnsafeMutablePointer<UInt64>.allocate(capacity: 1)
        let now = DispatchTime.now().uptimeNanoseconds
        deadline.initialize(to: nanoseconds > UInt64.max - now ? UInt64.max : now + nanoseconds)
        defer {
            sqlite3_progress_handler(db.sqliteConnection, 0, nil, nil)
            deadline.deallocate()
        }
        sqlite3_progress_handler(db.sqliteConnection, stepsBetweenClockChecks, { context in
            guard let context else { return 0 }
            return DispatchTime.now().uptimeNanoseconds >= context.load(as: UInt64.self) ? 1 : 0
        }, deadline)
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
            throw SearchTimeLimitExceeded(limit: limit)
        }
    }
}
