import ListLensSQLite

/// A fresh SQLite store in its own temporary folder, gone when the value goes away.
public final class ThrowawayStore {
    public let store: SQLiteStore
    private let directory: TemporaryDirectory

    public init() throws {
        directory = try TemporaryDirectory("store")
        store = try SQLiteStore(path: directory.file("test.sqlite"))
    }

    /// The database file, for tests that open it again or hand it to the CLI.
    public var path: String { store.path }

    /// A fresh store and the closure that removes it: `let (store, cleanup) = try ThrowawayStore.fresh()`.
    public static func fresh() throws -> (SQLiteStore, cleanup: () -> Void) {
        let throwaway = try ThrowawayStore()
        return (throwaway.store, { withExtendedLifetime(throwaway) {}; throwaway.directory.remove() })
    }
}
