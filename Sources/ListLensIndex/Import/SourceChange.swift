/// What became of an archive file since an import last read it to its end.
public enum SourceChange: Sendable, Equatable {
    /// No import read it (or the store forgot it: a removal).
    case new
    /// The same bytes. The fingerprint is the file's now: its time differs from the stored one when
    /// the file was touched or copied, and the store then records it.
    case unchanged(SourceFingerprint)
    /// Its old bytes are still its start, and more follow: reading goes on at `resumeAt`, the last
    /// message read before (an mbox being appended to, this month's archive). The fingerprint is the
    /// whole file's now, found while checking it.
    case grew(resumeAt: Int64, SourceFingerprint)
    /// Anything else: it is read again whole, and the messages already stored count as duplicates.
    case changed

    /// Compares the file at `path` with what the store recorded of it. Size, time and the hashes of
    /// its ends decide at once when all agree; the whole content is hashed only when they do not (a
    /// new time with the same size; a larger size, to know that the old bytes are still its start).
    public static func of(path: String, stored: StoredSourceFile?) throws -> SourceChange {
        guard let stored else { return .new }
        let old = stored.fingerprint
        var now = try SourceFingerprint.quick(path: path)
        if now.size == old.size {
            guard now.head == old.head, now.tail == old.tail else { return .changed }
            if now.modified == old.modified { return .unchanged(old) }
            now = try SourceFingerprint.full(path: path)
            return now.content == old.content ? .unchanged(now) : .changed
        }
        if now.size > old.size, let resume = stored.resumeOffset,
           let grown = try SourceFingerprint.grown(path: path, from: old, resumeAt: resume) {
            return .grew(resumeAt: resume, grown)
        }
        return .changed
    }
}
