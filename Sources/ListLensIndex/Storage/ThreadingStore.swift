/// A store the threading pass reads compact values from and writes its changes to.
public protocol ThreadingStore: Sendable {
    /// Every stored message's threading inputs and current links, in message-key order.
    func threadingSnapshot() throws -> ThreadingSnapshot
    /// Writes what changed, and the pass's new state, in one transaction.
    func applyThreading(_ changes: ThreadingChanges, state: PassState) throws
}
