import GRDB
import ListLensIndex

extension SQLiteStore {
    public func storedSourceFile(path: String) throws -> StoredSourceFile? {
        try read { db in
            try Row.fetchOne(db, sql: """
                SELECT size, modified, head_hash, tail_hash, content_hash, resume_offset FROM source_file WHERE path = ?
                """, arguments: [path]).map { row in
                let fingerprint = SourceFingerprint(size: row[0], modified: row[1], head: UInt64(bitPattern: row[2]),
                                                    tail: UInt64(bitPattern: row[3]), content: UInt64(bitPattern: row[4]))
                return StoredSourceFile(path: path, fingerprint: fingerprint, resumeOffset: row[5])
            }
        }
    }
}
