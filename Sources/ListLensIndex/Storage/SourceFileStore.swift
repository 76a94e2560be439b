/// What a store remembers of the archive files imports read whole (``StoredSourceFile``), so that an
/// import passes over a file that has not changed and reads on in one that grew.
///
/// Imports record files through their ``MessageBatchWriter``, after the file's messages, so a file is
/// remembered only once what it holds is stored. A removal forgets every file: what it took out
/// may have had copies in other files, which the next import then reads again.
public protocol SourceFileStore {
    /// The file last read at `path` (a real path), or nil when no import read it to its end.
    func storedSourceFile(path: String) throws -> StoredSourceFile?
}
