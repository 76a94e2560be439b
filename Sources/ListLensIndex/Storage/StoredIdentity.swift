import ListLensAnalysis

/// A participant as the identity pass reads it: the address, the names its messages carried, and
/// the person it is stored in now (nil before the pass first placed it).
public struct StoredIdentity: Sendable, Equatable {
    public var sender: IdentityMerger.Sender
    public var member: IdentityMerger.Member?

    public init(sender: IdentityMerger.Sender, member: IdentityMerger.Member?) {
        self.sender = sender
        self.member = member
    }
}
