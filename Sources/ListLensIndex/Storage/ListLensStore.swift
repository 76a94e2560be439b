/// Everything the library asks of a backend, by ability. The library talks to storage only through
/// these protocols; SQL lives in the backend targets (ListLensSQLite today, PostgreSQL next).
///
/// ```swift
/// let store: any ListLensStore = try SQLiteStore(path: "listlens.sqlite")
/// let summary = try Importer(store: store).run(paths: ["2013-July.txt.gz"])
/// let hits = try Searcher(store: store).search(try SearchQuery.parse("from:glyph deferred"))
/// ```
public protocol ListLensStore: MessageWriting, MessageRemoving, PassStateStoring, ThreadingStore, QuoteLinkStore, QuoteAttributionStore, ListFooterStore, ParticipantStore, OrganizationStore, MessageSearching, ReportProducing, TopicStore, MIMEFactsStore, SourceFileStore,
    MessageExporting, StoreInspecting, AnyObject, Sendable {
    /// Where the store is, for messages to people (`listlens.sqlite`, a PostgreSQL URL without its password).
    var location: String { get }
}
