/// Writes the batches of one import.
public protocol MessageBatchWriter: AnyObject {
    /// Writes one batch in one transaction: a reader sees all of it or none of it.
    ///
    /// A message whose Message-ID is already stored counts as a duplicate; a message with a
    /// quarantine reason is recorded in quarantine (once per place in its file); every other
    /// message is stored with its source, list, participant and organization.
    func write(_ batch: ImportBatch) throws -> MessageCounts

    /// Remembers a file the import read to its end (``SourceFileStore``). Called after the file's
    /// last batch, so a file is remembered only with its messages stored.
    func record(_ file: StoredSourceFile) throws
}
