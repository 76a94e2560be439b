import ListLensAnalysis

/// Analysed messages of one archive file, ready to store, in file order.
public struct ImportBatch: Sendable {
    public struct Entry: Sendable {
        public var message: AnalyzedMessage
        /// The list the message is filed under (`--list`, else its List-Id, else the archive's folder).
        public var list: String?

        public init(message: AnalyzedMessage, list: String?) {
            self.message = message
            self.list = list
        }
    }

    /// The file the messages come from (each message's zip member, if any, is in its raw message).
    public var source: SourceRecord
    public var entries: [Entry]
    /// Copies replace what is stored instead of being skipped (``Deduplication``).
    public var replacing: Bool

    public init(source: SourceRecord, entries: [Entry], replacing: Bool = false) {
        self.source = source
        self.entries = entries
        self.replacing = replacing
    }
}
