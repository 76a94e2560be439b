/// Named limits on the MIME tree.
public struct MIMELimits: Sendable {
    /// Postfix `mime_nesting_limit`.
    public var maxDepth = 20
    /// SpamAssassin's part limit.
    public var maxParts = 1000
    /// Postfix `mime_boundary_length_limit`.
    public var maxBoundaryLength = 2048
    public init() {}
}
