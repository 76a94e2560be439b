/// What removing one target took out.
public struct RemovalCounts: Sendable, Equatable, Codable {
    public var messages = 0
    /// Quarantine records of the removed sources.
    public var quarantined = 0
    /// Source files forgotten (all their messages removed).
    public var sources = 0

    public init(messages: Int = 0, quarantined: Int = 0, sources: Int = 0) {
        self.messages = messages
        self.quarantined = quarantined
        self.sources = sources
    }
}
