import GRDB
import ListLensAnalysis

/// The SQLite schema, as named migrations. A migration never changes once shipped: new needs get a new
/// migration. They are plain SQL, independent of application types (GRDB's Migrations guide), but
/// for one pure function of stored columns: `v3-content` computes ``ContentKey`` version 1.
/// docs/schema.md documents every table for people who query the file with sqlite3.
enum Migrations {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v1-foundation") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2-passes") { db in
            try db.execute(sql: v2)
        }
        // GRDB turns foreign keys off for a migration and checks them all before it commits, as the
        // table rebuild needs (SQLite's "Making Other Kinds Of Table Schema Changes").
        migrator.registerMigration("v3-content") { db in
            try db.execute(sql: v3)
            let update = try db.makeStatement(sql: "UPDATE message SET content_key = ? WHERE id = ?")
            let rows = try Row.fetchCursor(db, sql: "SELECT id, from_address, normalized_subject, text FROM message")
            while let row = try rows.next() {
                let key = ContentKey.of(fromAddress: row[1], normalizedSubject: row[2], text: row[3])
                try update.execute(arguments: [key, row[0] as Int64])
            }
        }
    }

    /// Copies of a message are found by content as well as by Message-ID, and a different message
    /// reusing a stored Message-ID is kept beside it: `message_id` is unique only among the messages
    /// that are not imposters. SQLite cannot drop a column's UNIQUE, so the table is rebuilt (ids
    /// kept, so the FTS rows, references and links stay valid), and every index made again.
    /// `message_copy` remembers the content keys of copies found to be a stored message in other
    /// words (pipermail's second copy of every message, with rewritten attachment links).
    static let v3 = """
    CREATE TABLE message_v3 (
        id INTEGER PRIMARY KEY,
        message_id TEXT NOT NULL,
        synthetic_id INTEGER NOT NULL,
        list_id INTEGER REFERENCES list(id),
        date INTEGER,
        date_source TEXT NOT NULL,
        from_name TEXT,
        from_address TEXT,
        participant_id INTEGER REFERENCES participant(id),
        organization_id INTEGER REFERENCES organization(id),
        subject TEXT NOT NULL,
        normalized_subject TEXT NOT NULL,
        tags TEXT NOT NULL,
        text TEXT NOT NULL,
        authored_text TEXT NOT NULL,
        quoted_text TEXT NOT NULL,
        defects TEXT NOT NULL,
        source_id INTEGER NOT NULL REFERENCES source(id),
        offset INTEGER NOT NULL,
        length INTEGER NOT NULL,
        parent_id INTEGER REFERENCES message(id),
        parent_method TEXT,
        thread_id INTEGER REFERENCES thread(id),
        parent_confidence REAL,
        content_key TEXT NOT NULL DEFAULT '',
        imposter_of INTEGER REFERENCES message(id)
    );
    INSERT INTO message_v3 (id, message_id, synthetic_id, list_id, date, date_source, from_name, from_address,
        participant_id, organization_id, subject, normalized_subject, tags, text, authored_text, quoted_text,
        defects, source_id, offset, length, parent_id, parent_method, thread_id, parent_confidence)
    SELECT id, message_id, synthetic_id, list_id, date, date_source, from_name, from_address,
        participant_id, organization_id, subject, normalized_subject, tags, text, authored_text, quoted_text,
        defects, source_id, offset, length, parent_id, parent_method, thread_id, parent_confidence
    FROM message;
    DROP TABLE message;
    ALTER TABLE message_v3 RENAME TO message;
    CREATE UNIQUE INDEX message_message_id ON message(message_id) WHERE imposter_of IS NULL;
    CREATE INDEX message_imposter ON message(imposter_of) WHERE imposter_of IS NOT NULL;
    CREATE INDEX message_content_key ON message(content_key);
    CREATE INDEX message_date ON message(date);
    CREATE INDEX message_participant ON message(participant_id);
    CREATE INDEX message_organization ON message(organization_id);
    CREATE INDEX message_thread ON message(thread_id);
    CREATE INDEX message_parent ON message(parent_id);
    CREATE TABLE message_copy (
        content_key TEXT NOT NULL,
        message INTEGER NOT NULL REFERENCES message(id),
        PRIMARY KEY (content_key, message)
    ) WITHOUT ROWID;
    CREATE INDEX message_copy_message ON message_copy(message);
    """

    /// Archive-wide passes record what they last saw (so an unchanged store is not re-threaded),
    /// and each parent link says how sure it is.
    static let v2 = """
    CREATE TABLE pass_run (
        name TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        message_count INTEGER NOT NULL,
        last_message_id INTEGER NOT NULL,
        ran_at TEXT NOT NULL
    );
    ALTER TABLE message ADD COLUMN parent_confidence REAL;
    """

    static let v1 = """
    CREATE TABLE list (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
    );
    CREATE TABLE source (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        format TEXT NOT NULL,
        compressed INTEGER NOT NULL,
        size INTEGER NOT NULL,
        imported_at TEXT NOT NULL
    );
    CREATE TABLE organization (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
    );
    CREATE TABLE participant (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        name TEXT,
        organization_id INTEGER REFERENCES organization(id)
    );
    CREATE TABLE address (
        id INTEGER PRIMARY KEY,
        address TEXT NOT NULL UNIQUE,
        participant_id INTEGER NOT NULL REFERENCES participant(id)
    );
    CREATE TABLE thread (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        root_id INTEGER NOT NULL,
        subject TEXT NOT NULL,
        message_count INTEGER NOT NULL,
        first_date INTEGER,
        last_date INTEGER
    );
    CREATE TABLE message (
        id INTEGER PRIMARY KEY,
        message_id TEXT NOT NULL UNIQUE,
        synthetic_id INTEGER NOT NULL,
        list_id INTEGER REFERENCES list(id),
        date INTEGER,
        date_source TEXT NOT NULL,
        from_name TEXT,
        from_address TEXT,
        participant_id INTEGER REFERENCES participant(id),
        organization_id INTEGER REFERENCES organization(id),
        subject TEXT NOT NULL,
        normalized_subject TEXT NOT NULL,
        tags TEXT NOT NULL,
        text TEXT NOT NULL,
        authored_text TEXT NOT NULL,
        quoted_text TEXT NOT NULL,
        defects TEXT NOT NULL,
        source_id INTEGER NOT NULL REFERENCES source(id),
        offset INTEGER NOT NULL,
        length INTEGER NOT NULL,
        parent_id INTEGER REFERENCES message(id),
        parent_method TEXT,
        thread_id INTEGER REFERENCES thread(id)
    );
    CREATE INDEX message_date ON message(date);
    CREATE INDEX message_participant ON message(participant_id);
    CREATE INDEX message_organization ON message(organization_id);
    CREATE INDEX message_thread ON message(thread_id);
    CREATE INDEX message_parent ON message(parent_id);
    CREATE TABLE recipient (
        message_id INTEGER NOT NULL REFERENCES message(id),
        kind TEXT NOT NULL CHECK (kind IN ('to', 'cc')),
        position INTEGER NOT NULL,
        name TEXT,
        address TEXT NOT NULL,
        PRIMARY KEY (message_id, kind, position)
    ) WITHOUT ROWID;
    CREATE TABLE message_ref (
        message_id INTEGER NOT NULL REFERENCES message(id),
        kind TEXT NOT NULL CHECK (kind IN ('in-reply-to', 'references')),
        position INTEGER NOT NULL,
        ref TEXT NOT NULL,
        PRIMARY KEY (message_id, kind, position)
    ) WITHOUT ROWID;
    CREATE INDEX message_ref_ref ON message_ref(ref);
    CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES source(id),
        offset INTEGER NOT NULL,
        length INTEGER NOT NULL,
        reason TEXT NOT NULL,
        UNIQUE (source_id, offset)
    );
    CREATE VIRTUAL TABLE message_fts USING fts5(
        subject, authored_text, quoted_text,
        content = 'message', content_rowid = 'id',
        tokenize = 'porter unicode61 remove_diacritics 2'
    );
    """
}
