/// A store that can take out what an import put in.
public protocol MessageRemoving: Sendable {
    /// Removes the target's messages, with their full-text rows, recipients and references, in one
    /// transaction. Replies to them lose their parent link; an imposter left behind takes over the
    /// Message-ID; participants, organizations and lists with no message left are dropped. The
    /// passes run again on the next import or ``ThreadingPass/run(on:)``.
    func remove(_ target: RemovalTarget) throws -> RemovalCounts
}
