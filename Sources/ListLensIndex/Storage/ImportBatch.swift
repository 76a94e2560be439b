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
    /// Whether the lists of these messages thread replies by subject from now on (``ParentMethod/subject``);
    /// nil keeps each list's setting. A list whose setting changes has its messages threaded again.
    public var threadsBySubject: Bool?

    public init(source: SourceRecord, entries: [Entry], replacing: Bool = false, threadsBySubject: Bool? = nil) {
        self.source = source
        self.entries = entries
        self.replacing = replacing
        self.threadsBySubject = threadsBySubject
    }
}
