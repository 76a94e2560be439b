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

    /// Records `file` as read to its end (SQLite integers are signed: the hashes keep their bits).
    static func record(_ file: StoredSourceFile, in db: Database) throws {
        let f = file.fingerprint
        try db.execute(sql: """
            INSERT INTO source_file (path, size, modified, head_hash, tail_hash, content_hash, resume_offset, read_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, datetime('now'))
            ON CONFLICT(path) DO UPDATE SET size = excluded.size, modified = excluded.modified, head_hash = excluded.head_hash,
                tail_hash = excluded.tail_hash, content_hash = excluded.content_hash, resume_offset = excluded.resume_offset,
                read_at = excluded.read_at
            """, arguments: [file.path, f.size, f.modified, Int64(bitPattern: f.head), Int64(bitPattern: f.tail),
                             Int64(bitPattern: f.content), file.resumeOffset])
    }
}
