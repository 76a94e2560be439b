import ListLensIndex

extension SQLiteStore {
    public func makeBatchWriter() throws -> any MessageBatchWriter { SQLiteBatchWriter(store: self) }
}
