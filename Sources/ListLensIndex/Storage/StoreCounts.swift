/// Row counts of a store's main tables.
public struct StoreCounts: Sendable, Equatable {
    public var messages: Int
    public var quarantined: Int
    public var participants: Int
    public var organizations: Int
    public var threads: Int

    public init(messages: Int, quarantined: Int, participants: Int, organizations: Int, threads: Int) {
        self.messages = messages
        self.quarantined = quarantined
        self.participants = participants
        self.organizations = organizations
        self.threads = threads
    }
}
