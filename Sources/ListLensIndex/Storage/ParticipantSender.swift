import ListLensAnalysis

/// A participant as the identity passes read it.
public struct ParticipantSender: Sendable, Equatable {
    public var key: Int64
    public var address: String
    public var name: String?
    public var automated: AutomatedSender.Reason?

    public init(key: Int64, address: String, name: String?, automated: AutomatedSender.Reason?) {
        self.key = key
        self.address = address
        self.name = name
        self.automated = automated
    }
}
