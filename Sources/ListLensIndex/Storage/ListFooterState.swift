import ListLensAnalysis

/// What the store knows of one list's footer.
public struct ListFooterState: Sendable, Equatable {
    public var list: Int64
    public var name: String
    /// Messages of the list now (pending ones too: the pass runs after threading, when none is).
    public var messages: Int
    public var footer: ListFooter?
    /// Messages the footer (or its absence) was learned from; nil when never learned.
    public var learnedFrom: Int?

    public init(list: Int64, name: String, messages: Int, footer: ListFooter?, learnedFrom: Int?) {
        self.list = list
        self.name = name
        self.messages = messages
        self.footer = footer
        self.learnedFrom = learnedFrom
    }
}
