/// A store that can say what it holds: for summaries, `listlens` diagnostics and tests.
public protocol StoreInspecting: Sendable {
    func counts() throws -> StoreCounts
    /// The schema migrations applied, in order (`v1-foundation`, …).
    func appliedMigrations() throws -> [String]
}
