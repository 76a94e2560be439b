/// A store the threading pass reads compact values from and writes its changes to.
///
/// A message is published, seen by searches, reports and exports, once a thread holds it: the
/// pass's transaction places new messages in their threads and updates those threads together,
/// so a reader never sees messages counted without their threads. Replacing or removing messages
/// takes their threads' messages out of them (pending) in the same transaction, for the next run.
public protocol ThreadingStore: Sendable {
    /// Every stored message's threading inputs and current links, in message-key order.
    func threadingSnapshot() throws -> ThreadingSnapshot
    /// The pending messages (no thread holds them), with every stored message whose threading they
    /// can change: the threads of the messages they reference, of the messages that reference them,
    /// and of the ghost roots they name, grown until nothing more is reached; in message-key order,
    /// with those threads' rows. Nil when that reaches more than `maxMessages`: read the whole store.
    func pendingThreadingSnapshot(maxMessages: Int) throws -> ThreadingSnapshot?
    /// Writes what changed, and the pass's new state, in one transaction.
    func applyThreading(_ changes: ThreadingChanges, state: PassState) throws
}
