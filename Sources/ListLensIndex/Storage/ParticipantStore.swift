import ListLensAnalysis

/// A store of participants that the identity passes read and flag.
public protocol ParticipantStore: Sendable {
    /// Up to `limit` participants with keys above `after`, in key order: each one's address, name and
    /// the automated-sender reason stored for it (nil: a person).
    func participantSenders(after: Int64, limit: Int) throws -> [ParticipantSender]
    /// The names of the store's lists (`twisted-python`).
    func listNames() throws -> [String]
    /// Stores each participant's reason (nil: a person).
    func storeAutomatedSenders(_ changes: [(participant: Int64, reason: AutomatedSender.Reason?)]) throws
    /// The participants flagged as automated senders, with their stored messages, most messages first.
    func automatedSenderMessages() throws -> [(address: String, reason: AutomatedSender.Reason, messages: Int)]
    /// Every participant, in id order, with the display names of its messages (and how many carried
    /// each; messages without a name count in `messages` only) and its stored join.
    func storedIdentities() throws -> [StoredIdentity]
    /// The person table as stored.
    func storedPersons() throws -> [StoredPerson]
    /// Writes the joins of `members` (participant id → member) and makes the person table `persons`:
    /// rows not in it go, changed ones are rewritten.
    func storePersons(members: [Int64: IdentityMerger.Member], persons: [StoredPerson], removing: [Int64]) throws
}
