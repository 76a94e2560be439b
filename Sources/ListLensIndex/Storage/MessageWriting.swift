/// A store that keeps imported messages.
public protocol MessageWriting: Sendable {
    /// A writer for one import. The importer uses it from one thread at a time (its writer queue),
    /// so the writer may keep caches between batches.
    func makeBatchWriter() throws -> any MessageBatchWriter
}
