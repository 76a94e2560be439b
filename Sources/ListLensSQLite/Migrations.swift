import GRDB
import ListLensText
import ListLensAnalysis

/// The SQLite schema, as named migrations. A migration never changes once shipped: new needs get a new
/// migration. They are plain SQL, independent of application types (GRDB's Migrations guide), but
/// for pure functions of stored columns: `v3-content` computes ``ContentKey`` version 1, `v4-quotes`
/// ``Shingles`` version 1.
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
        migrator.registerMigration("v4-quotes") { db in
            try db.execute(sql: v4)
            try fillShingles(db, version: 1)
        }
        migrator.registerMigration("v5-shingle-order") { db in
            try db.execute(sql: v5)
        }
        migrator.registerMigration("v6-conversations") { db in
            try db.execute(sql: v6)
        }
        migrator.registerMigration("v7-fingerprints") { db in
            try db.execute(sql: v7)
        }
        migrator.registerMigration("v8-quote-pass") { db in
            try db.execute(sql: v8)
        }
        migrator.registerMigration("v9-text-marks") { db in
            try db.execute(sql: v9)
        }
        migrator.registerMigration("v10-list-footers") { db in
            try db.execute(sql: v10)
        }
        migrator.registerMigration("v11-quote-layout") { db in
            try db.execute(sql: v11)
        }
        migrator.registerMigration("v12-no-shingle-index") { db in
            try db.execute(sql: v12)
        }
        migrator.registerMigration("v13-automated-senders") { db in
            try db.execute(sql: v13)
        }
        migrator.registerMigration("v14-persons") { db in
            try db.execute(sql: v14)
        }
        migrator.registerMigration("v15-rewritten-senders") { db in
            try db.execute(sql: v15)
        }
        migrator.registerMigration("v16-affiliations") { db in
            try db.execute(sql: v16)
        }
        migrator.registerMigration("v17-authored-words") { db in
            // Stored messages are counted from their stored authored text, as the writer counts new ones.
            db.add(function: DatabaseFunction("listlens_word_count", argumentCount: 1, pure: true) { values in
                WordCount.of(String.fromDatabaseValue(values[0]) ?? "")
            })
            try db.execute(sql: v17)
            db.remove(function: DatabaseFunction("listlens_word_count", argumentCount: 1, pure: true) { _ in nil })
        }
        migrator.registerMigration("v18-report-index") { db in
            try db.execute(sql: v18)
        }
        migrator.registerMigration("v19-report-tables") { db in
            try db.execute(sql: v19)
        }
        // Immediate foreign key checks: it adds no reference, and the deferred check of every
        // row took 12 s on a million messages.
        migrator.registerMigration("v20-report-dirty-months", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: v20)
        }
        migrator.registerMigration("v21-sender-index", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: v21)
        }
        migrator.registerMigration("v22-quoting-index", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: v22)
        }
        migrator.registerMigration("v23-search-tokens", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: "ALTER TABLE message ADD COLUMN subject_inherited INTEGER NOT NULL DEFAULT 0")
            try markInheritedSubjects(db)
            try db.execute(sql: v23)
        }
        migrator.registerMigration("v24-topics", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: v24)
        }
        migrator.registerMigration("v25-search-indexes", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: v25)
        }
        migrator.registerMigration("v26-source-files", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: v26)
        }
    }

    /// The archive files imports read to their end, with what they were then (``SourceFingerprint``:
    /// size, time in nanoseconds, XXH64 of the first and last 64 KiB and of the whole file, as
    /// integers with the hashes' bits), and, for an uncompressed mbox, where reading goes on when it
    /// grows. Empty at first: files imported before are read once more by the next import.
    static let v26 = """
    CREATE TABLE source_file (
        path TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        modified INTEGER NOT NULL,
        head_hash INTEGER NOT NULL,
        tail_hash INTEGER NOT NULL,
        content_hash INTEGER NOT NULL,
        resume_offset INTEGER,
        read_at TEXT NOT NULL
    ) WITHOUT ROWID;
    """

    /// What `from:` and `person:` search, apart from the messages: each participant's names and
    /// addresses as its messages give them (`sender`, one row a distinct participant, name and
    /// address; the import adds the new ones), folded, with a trigram index for searching inside
    /// them (`sender_text`). Both fields folded every message's (or every participant's) name and
    /// address for every query: a third of a second on 100,000 messages, growing with the store.
    /// And each organization's messages by date, in place of `message_organization`: `org:`'s
    /// newest hits come from the index alone. And `message_narrow`, the columns conditions read
    /// by message id: a search joins each full-text match to it instead of to the message's row,
    /// whose texts come first (`date:2009..2010 reactor` on 100,000 messages: 135 ms → 52 ms).
    /// And `message.mime_facts` (``MIMEFacts``: 1 an HTML part, 2 an attachment; NULL for the
    /// messages stored before, which the MIME facts pass reads again from their archives, -1 where
    /// it could not), with an index of the messages that have any, for `has:`.
    static let v25 = """
    CREATE TABLE sender (
        id INTEGER PRIMARY KEY,
        participant_id INTEGER NOT NULL REFERENCES participant(id),
        name TEXT NOT NULL,
        address TEXT NOT NULL,
        folded_name TEXT NOT NULL,
        folded_address TEXT NOT NULL,
        UNIQUE (participant_id, name, address)
    );
    CREATE VIRTUAL TABLE sender_text USING fts5(folded_name, folded_address, content='sender', content_rowid='id',
                                                tokenize='trigram');
    CREATE TRIGGER sender_text_insert AFTER INSERT ON sender BEGIN
        INSERT INTO sender_text (rowid, folded_name, folded_address) VALUES (NEW.id, NEW.folded_name, NEW.folded_address);
    END;
    CREATE TRIGGER sender_text_delete AFTER DELETE ON sender BEGIN
        INSERT INTO sender_text (sender_text, rowid, folded_name, folded_address)
        VALUES ('delete', OLD.id, OLD.folded_name, OLD.folded_address);
    END;
    INSERT OR IGNORE INTO sender (participant_id, name, address, folded_name, folded_address)
        SELECT DISTINCT participant_id, COALESCE(from_name, ''), COALESCE(from_address, ''),
               listlens_fold(from_name), listlens_fold(from_address)
        FROM message WHERE participant_id IS NOT NULL;
    CREATE INDEX message_organization_date ON message(organization_id, date);
    DROP INDEX message_organization;
    ALTER TABLE message ADD COLUMN mime_facts INTEGER;
    CREATE INDEX message_narrow ON message(id, date, organization_id, participant_id, list_id, thread_id, parent_id, mime_facts);
    CREATE INDEX message_mime_facts ON message(mime_facts, date) WHERE mime_facts > 0;
    CREATE INDEX message_mime_pending ON message(id) WHERE mime_facts IS NULL;
    """

    /// Topics (``TopicPass``): the topic tags and candidate key phrases of each thread, and how many
    /// threads hold each (kept by triggers, a thread's removal included). `thread.topics_version`
    /// is the pass version that found a thread's topics, 0 when it has to be done (again): new
    /// threads, and those the threading pass writes again. The pass fills the tables after the
    /// next import (every thread is pending after this migration). `message_vocab` reads the
    /// full-text index's terms: how many messages hold a word.
    static let v24 = """
    CREATE TABLE topic (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('tag', 'phrase')),
        name TEXT NOT NULL,
        label TEXT NOT NULL,
        threads INTEGER NOT NULL DEFAULT 0,
        UNIQUE (kind, name)
    );
    CREATE TABLE thread_topic (
        thread_id INTEGER NOT NULL REFERENCES thread(id) ON DELETE CASCADE,
        topic_id INTEGER NOT NULL REFERENCES topic(id),
        occurrences INTEGER NOT NULL,
        key INTEGER NOT NULL,
        PRIMARY KEY (thread_id, topic_id)
    ) WITHOUT ROWID;
    CREATE INDEX thread_topic_topic ON thread_topic(topic_id, key, thread_id);
    CREATE TRIGGER thread_topic_added AFTER INSERT ON thread_topic BEGIN
        UPDATE topic SET threads = threads + 1 WHERE id = NEW.topic_id;
    END;
    CREATE TRIGGER thread_topic_removed AFTER DELETE ON thread_topic BEGIN
        UPDATE topic SET threads = threads - 1 WHERE id = OLD.topic_id;
    END;
    ALTER TABLE thread ADD COLUMN topics_version INTEGER NOT NULL DEFAULT 0;
    CREATE VIRTUAL TABLE message_vocab USING fts5vocab(message_fts, 'row');
    """

    /// The search index made again with the `listlens` tokenizer (prefixes read as written:
    /// `generat*` finds `generated`, whose stem is `gener`) over the view `message_search`, whose
    /// `subject` is empty where `message.subject_inherited` says the subject is a reply's (a reply's
    /// `Re: …` is not its author's words; ``markInheritedSubjects(_:)``). The tokenizer is
    /// registered on every connection (`SQLiteStore.prepareSearch`); the index is rebuilt.
    static let v23 = """
    DROP TABLE message_fts;
    CREATE VIEW message_search AS
        SELECT id, CASE WHEN subject_inherited THEN '' ELSE subject END AS subject, authored_text, quoted_text FROM message;
    CREATE VIRTUAL TABLE message_fts USING fts5(
        subject, authored_text, quoted_text,
        content = 'message_search', content_rowid = 'id',
        tokenize = 'listlens'
    );
    INSERT INTO message_fts (message_fts) VALUES ('rebuild');
    """

    /// Sets `subject_inherited` as the importer does (``Subject/isInherited(_:referenced:)``): a
    /// reply prefix, or the subject of a stored message the headers name.
    static func markInheritedSubjects(_ db: Database) throws {
        var inherited = Set<Int64>()
        let subjects = try Row.fetchCursor(db, sql: "SELECT id, subject FROM message")
        while let row = try subjects.next() {
            if Subject.isReply(row[1]) { inherited.insert(row[0]) }
        }
        let named = try Row.fetchCursor(db, sql: """
            SELECT r.message_id, m.subject, p.subject FROM message_ref r
            JOIN message m ON m.id = r.message_id
            JOIN message p ON p.message_id = r.ref AND p.imposter_of IS NULL
            """)
        while let row = try named.next() {
            let id: Int64 = row[0]
            if !inherited.contains(id), Subject.isInherited(row[1], referenced: [row[2] as String]) { inherited.insert(id) }
        }
        let mark = try db.makeStatement(sql: "UPDATE message SET subject_inherited = 1 WHERE id = ?")
        for id in inherited { try mark.execute(arguments: [id]) }
    }

    /// The sampled shingles of every stored message, from its stored text (``Shingles`` version
    /// `version`, which `v4-quotes` computes; a later version gets a migration of its own).
    static func fillShingles(_ db: Database, version: Int) throws {
        precondition(version == Shingles.version, "Shingles changed: add a migration for version \(Shingles.version)")
        let own = try db.makeStatement(sql: "INSERT OR IGNORE INTO shingle (hash, message) VALUES (?, ?)")
        let quoted = try db.makeStatement(sql: "INSERT OR IGNORE INTO quote_shingle (hash, message, position) VALUES (?, ?, ?)")
        let attributed = try db.makeStatement(sql: "UPDATE message SET quote_name = ?, quote_address = ?, quote_minute = ?, quote_zoned = ?, quote_second = ? WHERE id = ?")
        let rows = try Row.fetchCursor(db, sql: "SELECT id, from_name, text FROM message")
        while let row = try rows.next() {
            let id: Int64 = row[0]
            let segments = QuoteSegmenter.segments(of: row[2], senderName: row[1])
            if let a = segments.first(where: { $0.kind == .quoted && $0.depth == 1 && $0.attribution?.from != nil })?.attribution {
                try attributed.execute(arguments: [a.name?.lowercased(), a.address, a.utcMinute ?? a.localMinute, a.utcMinute != nil, a.utcSecond, id])
            }
            for h in Shingles.sampled(QuoteMatcher.ownText(segments)) { try own.execute(arguments: [h, id]) }
            for (i, h) in Shingles.sampled(QuoteMatcher.parentQuote(segments)).enumerated() { try quoted.execute(arguments: [h, id, i]) }
        }
    }

    /// Quotes lead back to where they came from. `shingle` and `quote_shingle` index each message's
    /// own text and its depth-1 quotes by sampled shingles (a quote's in text order: `position`); `quote_link` holds the messages a
    /// message's quotes were found in (the threading pass's links from text); `quote_source` says,
    /// per quoted segment, which message it quotes (or that its source is unknown), and
    /// `message.quotes_version` which messages still wait for that (NULL: pending); `quote_name` and
/// `quote_address` (lowercased) are who the body says its first quote is from, `quote_minute` when
/// (minutes since 1970: UTC when `quote_zoned`, else on the writer's clock, ``Attribution/localMinute``),
/// `quote_second` the UTC second when the attribution gives zone and seconds.
    static let v4 = """
    CREATE TABLE shingle (
        hash INTEGER NOT NULL,
        message INTEGER NOT NULL REFERENCES message(id),
        PRIMARY KEY (hash, message)
    ) WITHOUT ROWID;
    CREATE INDEX shingle_message ON shingle(message);
    CREATE TABLE quote_shingle (
        hash INTEGER NOT NULL,
        message INTEGER NOT NULL REFERENCES message(id),
        position INTEGER NOT NULL,
        PRIMARY KEY (hash, message)
    ) WITHOUT ROWID;
    CREATE INDEX quote_shingle_message ON quote_shingle(message);
    CREATE TABLE quote_link (
        child INTEGER NOT NULL REFERENCES message(id),
        parent INTEGER NOT NULL REFERENCES message(id),
        shared INTEGER NOT NULL,
        confidence REAL NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('quote', 'attribution')),
        PRIMARY KEY (child, parent)
    ) WITHOUT ROWID;
    CREATE INDEX quote_link_parent ON quote_link(parent);
    CREATE TABLE quote_source (
        message INTEGER NOT NULL REFERENCES message(id),
        segment INTEGER NOT NULL,
        source INTEGER REFERENCES message(id),
        confidence REAL,
        method TEXT NOT NULL CHECK (method IN ('ancestor', 'shingles', 'unknown')),
        PRIMARY KEY (message, segment)
    ) WITHOUT ROWID;
    CREATE INDEX quote_source_source ON quote_source(source);
    ALTER TABLE message ADD COLUMN quotes_version INTEGER;
    ALTER TABLE message ADD COLUMN quote_name TEXT;
    ALTER TABLE message ADD COLUMN quote_address TEXT;
    ALTER TABLE message ADD COLUMN quote_minute INTEGER;
    ALTER TABLE message ADD COLUMN quote_zoned INTEGER;
    ALTER TABLE message ADD COLUMN quote_second INTEGER;
    """

    /// Headers that place a message in a conversation without naming its parent's Message-ID:
    /// Outlook's Thread-Index (`key`: the index in hex; `conversation`: its first 22 bytes) and
    /// Gmail's X-GM-THRID (`conversation`: the id; `key` NULL). Headers are not stored, so messages
    /// imported before this migration have none until imported again with `--replace`.
    /// `list.subject_threading`: the lists whose replies are threaded by subject (`import --thread-by-subject`);
    /// `message_list_subject` finds a subject's messages in a list.
    static let v6 = """
    CREATE TABLE message_conversation (
        message INTEGER NOT NULL REFERENCES message(id),
        kind TEXT NOT NULL CHECK (kind IN ('thread-index', 'gm-thread')),
        conversation TEXT NOT NULL,
        key TEXT,
        PRIMARY KEY (message, kind)
    ) WITHOUT ROWID;
    CREATE INDEX message_conversation_conversation ON message_conversation(kind, conversation);
    ALTER TABLE list ADD COLUMN subject_threading INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX message_list_subject ON message(list_id, normalized_subject);
    """

    /// Shingles are written in the order each index is kept in. An import wrote `shingle` and
    /// `quote_shingle` a batch at a time, at random places in a hash-ordered tree, so each batch
    /// rewrote most of the tree and an import's time grew with the square of its size. Now each
    /// message's shingles go into `message_shingle` and `message_quote_shingle` (ordered by message:
    /// appended), the message into `shingle_pending`, and the threading pass puts the pending ones
    /// into the hash-ordered indexes sorted, in one transaction. Those indexes no longer need an
    /// index by message.
    static let v5 = """
    CREATE TABLE message_shingle (
        message INTEGER NOT NULL REFERENCES message(id),
        hash INTEGER NOT NULL,
        PRIMARY KEY (message, hash)
    ) WITHOUT ROWID;
    CREATE TABLE message_quote_shingle (
        message INTEGER NOT NULL REFERENCES message(id),
        position INTEGER NOT NULL,
        hash INTEGER NOT NULL,
        PRIMARY KEY (message, position)
    ) WITHOUT ROWID;
    CREATE TABLE shingle_pending (
        message INTEGER PRIMARY KEY REFERENCES message(id)
    );
    INSERT INTO message_shingle (message, hash) SELECT message, hash FROM shingle ORDER BY message, hash;
    INSERT INTO message_quote_shingle (message, position, hash) SELECT message, position, hash FROM quote_shingle ORDER BY message, position;
    DROP INDEX shingle_message;
    DROP INDEX quote_shingle_message;
    """

    /// A message's shingles are one row, not one row each: `message_fingerprint` holds its own
    /// text's sampled shingles and its depth-1 quote's (in text order) as JSON arrays of integers,
    /// which SQLite's `json_each` unrolls where the shingles are needed one by one (into the
    /// hash-ordered `shingle` and `quote_shingle`, sorted, by the threading pass). Writing 2.5
    /// million shingle rows one by one took about 8 of the 44 seconds an import of the 248
    /// twisted-python months took.
    static let v7 = """
    CREATE TABLE message_fingerprint (
        message INTEGER PRIMARY KEY REFERENCES message(id),
        own_shingles TEXT NOT NULL,
        quote_shingles TEXT NOT NULL
    );
    INSERT INTO message_fingerprint (message, own_shingles, quote_shingles)
    SELECT m.id,
           (SELECT json_group_array(hash) FROM (SELECT hash FROM message_shingle WHERE message = m.id ORDER BY hash)),
           (SELECT json_group_array(hash) FROM (SELECT hash FROM message_quote_shingle WHERE message = m.id ORDER BY position))
    FROM message m
    WHERE EXISTS (SELECT 1 FROM message_shingle WHERE message = m.id) OR EXISTS (SELECT 1 FROM message_quote_shingle WHERE message = m.id);
    DROP TABLE message_shingle;
    DROP TABLE message_quote_shingle;
    """

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

    /// Which messages the quote attribution pass has done is a narrow table of its own, not
    /// `message.quotes_version`: setting that column rewrote each message's whole row, its text
    /// three times over: storing the pass's results for the 248 twisted-python months took 1.16 s, 0.56 s without it.
    /// `quote_shingle.position` is dropped: nothing read it (a quote's order is its fingerprint's).
    static let v8 = """
    CREATE TABLE message_quote_pass (
        message INTEGER PRIMARY KEY REFERENCES message(id),
        version INTEGER NOT NULL
    );
    INSERT INTO message_quote_pass (message, version) SELECT id, quotes_version FROM message WHERE quotes_version IS NOT NULL;
    ALTER TABLE message DROP COLUMN quotes_version;
    ALTER TABLE quote_shingle DROP COLUMN position;
    """

    /// What an HTML body's markup said of its text's lines (``TextMark``: attribution, header block and
    /// signature elements, cited Message-IDs), so every later segmentation of the stored text (the
    /// attribution pass, export, thread) is the import's. NULL for plain text and for messages stored before.
    /// `quote_source.method` may be `cite`: SQLite changes a CHECK only by rebuilding the table.
    static let v9 = """
    ALTER TABLE message ADD COLUMN text_marks TEXT;
    CREATE TABLE quote_source_v9 (
        message INTEGER NOT NULL REFERENCES message(id),
        segment INTEGER NOT NULL,
        source INTEGER REFERENCES message(id),
        confidence REAL,
        method TEXT NOT NULL CHECK (method IN ('cite', 'ancestor', 'shingles', 'unknown')),
        PRIMARY KEY (message, segment)
    ) WITHOUT ROWID;
    INSERT INTO quote_source_v9 SELECT message, segment, source, confidence, method FROM quote_source;
    DROP TABLE quote_source;
    ALTER TABLE quote_source_v9 RENAME TO quote_source;
    CREATE INDEX quote_source_source ON quote_source(source);
    """

    /// Each list's footer, learned by the list footer pass from the trailers most of its messages share
    /// (``ListFooter``), and how many messages it was learned from (NULL lines: none was found).
    static let v10 = """
    CREATE TABLE list_footer (
        list_id INTEGER PRIMARY KEY REFERENCES list(id),
        lines TEXT,
        learned_from INTEGER NOT NULL
    );
    """

    /// Where each body's quotes are (``QuoteLayout``: each quoted segment's position, depth, length in
    /// `quoted_text` and cited Message-ID) and its signature, so the quote attribution pass cuts the
    /// quotes from `quoted_text` and a parent's own text from `authored_text` and `signature_text`
    /// instead of segmenting every message and its ancestors again. NULL `quote_layout` (messages
    /// stored before, or imported without the quote step): the pass segments the text, as before.
    static let v11 = """
    ALTER TABLE message ADD COLUMN quote_layout TEXT;
    ALTER TABLE message ADD COLUMN signature_text TEXT;
    """

    /// Quotes are looked up among the messages sent shortly before them by a sweep that computes
    /// their shingles from the stored texts as it reads them (the threading and quote attribution
    /// passes' `OwnTextSweep`), so the stored index of every message's shingles goes: it was a third
    /// of a store's size, and writing and sorting it a third of the quote step's time. Both passes'
    /// versions change with it, so the next import threads and attributes the store again.
    static let v12 = """
    DROP TABLE shingle_pending;
    DROP TABLE quote_shingle;
    DROP TABLE shingle;
    DROP TABLE message_fingerprint;
    """

    /// Participants that are not people (``AutomatedSender``: list addresses, no-reply and
    /// mail-system addresses, trackers, CI, review systems, bots) carry the rule that flagged them.
    /// The automated-sender pass fills it after every import, this one included.
    static let v13 = """
    ALTER TABLE participant ADD COLUMN automated TEXT;
    CREATE INDEX participant_automated ON participant(automated) WHERE automated IS NOT NULL;
    """

    /// Persons: the addresses one person writes from, joined by the identity rules. A person's id
    /// is its anchor participant's (its first stored address), so it lasts across imports; each
    /// other participant keeps the join that brought it in. The identity pass fills them after
    /// every import, this migration's included.
    static let v14 = """
    CREATE TABLE person (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        name TEXT
    );
    ALTER TABLE participant ADD COLUMN person_id INTEGER;
    ALTER TABLE participant ADD COLUMN joined_to INTEGER;
    ALTER TABLE participant ADD COLUMN join_rule TEXT;
    ALTER TABLE participant ADD COLUMN join_evidence TEXT;
    UPDATE participant SET person_id = id;
    INSERT INTO person (id, key, name) SELECT id, key, name FROM participant;
    CREATE INDEX participant_person ON participant(person_id);
    """

    /// Where a list rewrote a message's From (DMARC), where its author was found instead; the
    /// message's participant is then the author. Stored messages keep NULL: `import --replace`
    /// reads them again.
    static let v15 = """
    ALTER TABLE message ADD COLUMN from_rewritten TEXT;
    """

    /// The words of each message's own text (``WordCount`` over `authored_text`), for reports to sum
    /// what people wrote without reading every text.
    static let v17 = """
    ALTER TABLE message ADD COLUMN authored_words INTEGER NOT NULL DEFAULT 0;
    UPDATE message SET authored_words = listlens_word_count(authored_text);
    """

    /// Every column a report reads of a message, in one index, so reports scan it instead of the
    /// message table, whose rows hold the texts: `orgs` on twisted-python read 170 MB of pages
    /// before. `thread_id` leads, as every report counts published messages only and threads look
    /// up their messages by it; the index on `thread_id` alone is its prefix and goes.
    static let v18 = """
    CREATE INDEX message_report ON message(thread_id, participant_id, organization_id, date, list_id, parent_id,
                                           authored_words, from_rewritten);
    DROP INDEX message_thread;
    """

    /// What every report counts, summed per month, list, organization and sender (``ReportRollup``),
    /// and `report_state`, whose one row says the sums hold every write since they were built.
    /// Triggers delete that row on any write to what they sum; an import that brings a tenth of the
    /// store or more, or a report on a store it may write, builds them again. Created empty
    /// (stale): reports read the messages until then.
    static let v19 = """
    CREATE TABLE report_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        built_at TEXT NOT NULL
    );
    CREATE TABLE report_sender (
        month INTEGER,
        list_id INTEGER,
        organization_id INTEGER,
        participant_id INTEGER,
        person_id INTEGER,
        automated INTEGER,
        messages INTEGER NOT NULL,
        words INTEGER NOT NULL,
        rewritten INTEGER NOT NULL,
        first_date INTEGER,
        last_date INTEGER
    );
    CREATE TABLE report_thread (
        month INTEGER,
        list_id INTEGER,
        organization_id INTEGER,
        person_id INTEGER,
        automated INTEGER,
        thread_id INTEGER NOT NULL,
        started INTEGER NOT NULL
    );
    CREATE TABLE report_reply (
        month INTEGER,
        list_id INTEGER,
        organization_id INTEGER,
        automated INTEGER,
        parent_organization_id INTEGER,
        parent_automated INTEGER,
        replies INTEGER NOT NULL
    );
    CREATE TABLE report_person_reply (
        month INTEGER,
        list_id INTEGER,
        organization_id INTEGER,
        person_id INTEGER NOT NULL,
        automated INTEGER NOT NULL,
        parent_person_id INTEGER NOT NULL,
        parent_automated INTEGER NOT NULL,
        replies INTEGER NOT NULL
    );
    CREATE TABLE report_start (
        thread_id INTEGER NOT NULL,
        month INTEGER,
        list_id INTEGER,
        organization_id INTEGER,
        person_id INTEGER,
        automated INTEGER,
        date INTEGER,
        first_reply INTEGER
    );
    CREATE INDEX report_sender_organization ON report_sender(organization_id, month, person_id, automated, list_id, messages,
                                                             words, rewritten, first_date, last_date);
    CREATE INDEX report_sender_person ON report_sender(person_id, participant_id, organization_id, automated, month, list_id,
                                                       messages, words, first_date, last_date);
    CREATE INDEX report_thread_organization ON report_thread(organization_id, started, thread_id, automated, month, list_id);
    CREATE INDEX report_thread_person ON report_thread(person_id, thread_id, started, automated, month, list_id, organization_id);
    CREATE INDEX report_person_reply_person ON report_person_reply(person_id, parent_person_id, automated, parent_automated, month,
                                                                   list_id, organization_id, replies);
    CREATE TRIGGER report_stale_message_insert AFTER INSERT ON message BEGIN DELETE FROM report_state; END;
    CREATE TRIGGER report_stale_message_delete AFTER DELETE ON message BEGIN DELETE FROM report_state; END;
    CREATE TRIGGER report_stale_message_update
        AFTER UPDATE OF list_id, date, participant_id, organization_id, parent_id, thread_id, authored_words, from_rewritten ON message
        BEGIN DELETE FROM report_state; END;
    CREATE TRIGGER report_stale_thread_insert AFTER INSERT ON thread BEGIN DELETE FROM report_state; END;
    CREATE TRIGGER report_stale_thread_delete AFTER DELETE ON thread BEGIN DELETE FROM report_state; END;
    CREATE TRIGGER report_stale_thread_update AFTER UPDATE OF root_id ON thread BEGIN DELETE FROM report_state; END;
    CREATE TRIGGER report_stale_participant_delete AFTER DELETE ON participant BEGIN DELETE FROM report_state; END;
    CREATE TRIGGER report_stale_participant_update AFTER UPDATE OF person_id, automated ON participant
        BEGIN DELETE FROM report_state; END;
    """

    /// The report tables rebuilt a month at a time: instead of marking them wholly stale, a write
    /// records the months whose rows it changes (0 for undated messages), and a refresh rebuilds
    /// only those. Months are recorded only once the tables are built (`report_state` has its row):
    /// until then a refresh builds them whole anyway. A message's rows are in its own month; a
    /// thread's start row (with its first answer) in its root's month; a reply's rows name its
    /// parent's organization and sender, so a parent's change reaches its replies' months.
    ///
    /// Each trigger adds only months not yet recorded, once (not INSERT OR IGNORE: a statement
    /// that fires a trigger imposes its own conflict policy on the trigger's statements, and the
    /// threading pass's upsert of a thread made that ABORT).
    static let v20 = """
    DROP TRIGGER report_stale_message_insert;
    DROP TRIGGER report_stale_message_delete;
    DROP TRIGGER report_stale_message_update;
    DROP TRIGGER report_stale_thread_insert;
    DROP TRIGGER report_stale_thread_delete;
    DROP TRIGGER report_stale_thread_update;
    DROP TRIGGER report_stale_participant_delete;
    DROP TRIGGER report_stale_participant_update;
    CREATE TABLE report_dirty (
        month INTEGER PRIMARY KEY
    );
    CREATE TRIGGER report_dirty_message_insert AFTER INSERT ON message
    WHEN EXISTS (SELECT 1 FROM report_state) BEGIN
        INSERT INTO report_dirty SELECT month FROM (
            SELECT COALESCE(CAST(strftime('%Y%m', NEW.date, 'unixepoch') AS INTEGER), 0) AS month
            UNION SELECT DISTINCT COALESCE(CAST(strftime('%Y%m', r.date, 'unixepoch') AS INTEGER), 0) AS month FROM thread t JOIN message r ON r.id = t.root_id WHERE t.id = NEW.thread_id
        ) WHERE month NOT IN (SELECT month FROM report_dirty);
    END;
    CREATE TRIGGER report_dirty_message_delete AFTER DELETE ON message
    WHEN EXISTS (SELECT 1 FROM report_state) BEGIN
        INSERT INTO report_dirty SELECT month FROM (
            SELECT COALESCE(CAST(strftime('%Y%m', OLD.date, 'unixepoch') AS INTEGER), 0) AS month
            UNION SELECT DISTINCT COALESCE(CAST(strftime('%Y%m', r.date, 'unixepoch') AS INTEGER), 0) AS month FROM thread t JOIN message r ON r.id = t.root_id WHERE t.id = OLD.thread_id
            UNION SELECT COALESCE(CAST(strftime('%Y%m', c.date, 'unixepoch') AS INTEGER), 0) FROM message c WHERE c.parent_id = OLD.id
        ) WHERE month NOT IN (SELECT month FROM report_dirty);
    END;
    CREATE TRIGGER report_dirty_message_update
        AFTER UPDATE OF list_id, date, participant_id, organization_id, parent_id, thread_id, authored_words, from_rewritten ON message
    WHEN (OLD.list_id IS NOT NEW.list_id OR OLD.date IS NOT NEW.date OR OLD.participant_id IS NOT NEW.participant_id
          OR OLD.organization_id IS NOT NEW.organization_id OR OLD.parent_id IS NOT NEW.parent_id OR OLD.thread_id IS NOT NEW.thread_id
          OR OLD.authored_words IS NOT NEW.authored_words OR OLD.from_rewritten IS NOT NEW.from_rewritten)
         AND EXISTS (SELECT 1 FROM report_state) BEGIN
        INSERT INTO report_dirty SELECT month FROM (
            SELECT COALESCE(CAST(strftime('%Y%m', OLD.date, 'unixepoch') AS INTEGER), 0) AS month
            UNION SELECT COALESCE(CAST(strftime('%Y%m', NEW.date, 'unixepoch') AS INTEGER), 0)
            UNION SELECT DISTINCT COALESCE(CAST(strftime('%Y%m', r.date, 'unixepoch') AS INTEGER), 0) AS month FROM thread t JOIN message r ON r.id = t.root_id WHERE t.id IN (OLD.thread_id, NEW.thread_id)
            UNION SELECT COALESCE(CAST(strftime('%Y%m', c.date, 'unixepoch') AS INTEGER), 0) FROM message c WHERE c.parent_id = NEW.id AND (OLD.organization_id IS NOT NEW.organization_id OR OLD.participant_id IS NOT NEW.participant_id)
        ) WHERE month NOT IN (SELECT month FROM report_dirty);
    END;
    CREATE TRIGGER report_dirty_thread_insert AFTER INSERT ON thread
    WHEN EXISTS (SELECT 1 FROM report_state) BEGIN
        INSERT INTO report_dirty SELECT month FROM (
            SELECT COALESCE(CAST(strftime('%Y%m', r.date, 'unixepoch') AS INTEGER), 0) AS month FROM message r WHERE r.id = NEW.root_id
        ) WHERE month NOT IN (SELECT month FROM report_dirty);
    END;
    CREATE TRIGGER report_dirty_thread_delete AFTER DELETE ON thread
    WHEN EXISTS (SELECT 1 FROM report_state) BEGIN
        INSERT INTO report_dirty SELECT month FROM (
            SELECT COALESCE(CAST(strftime('%Y%m', r.date, 'unixepoch') AS INTEGER), 0) AS month FROM message r WHERE r.id = OLD.root_id
        ) WHERE month NOT IN (SELECT month FROM report_dirty);
    END;
    CREATE TRIGGER report_dirty_thread_update AFTER UPDATE OF root_id ON thread
    WHEN OLD.root_id IS NOT NEW.root_id AND EXISTS (SELECT 1 FROM report_state) BEGIN
        INSERT INTO report_dirty SELECT month FROM (
            SELECT DISTINCT COALESCE(CAST(strftime('%Y%m', r.date, 'unixepoch') AS INTEGER), 0) AS month FROM message r WHERE r.id IN (OLD.root_id, NEW.root_id)
        ) WHERE month NOT IN (SELECT month FROM report_dirty);
    END;
    CREATE TRIGGER report_dirty_participant_delete AFTER DELETE ON participant
    WHEN EXISTS (SELECT 1 FROM report_state) BEGIN
        INSERT INTO report_dirty SELECT month FROM (
            SELECT COALESCE(CAST(strftime('%Y%m', m.date, 'unixepoch') AS INTEGER), 0) AS month FROM message m WHERE m.participant_id = OLD.id
            UNION SELECT COALESCE(CAST(strftime('%Y%m', c.date, 'unixepoch') AS INTEGER), 0) FROM message m JOIN message c ON c.parent_id = m.id WHERE m.participant_id = OLD.id
            UNION SELECT COALESCE(CAST(strftime('%Y%m', r.date, 'unixepoch') AS INTEGER), 0) FROM message m JOIN thread t ON t.id = m.thread_id JOIN message r ON r.id = t.root_id WHERE m.participant_id = OLD.id
        ) WHERE month NOT IN (SELECT month FROM report_dirty);
    END;
    CREATE TRIGGER report_dirty_participant_update AFTER UPDATE OF person_id, automated ON participant
    WHEN (OLD.person_id IS NOT NEW.person_id OR OLD.automated IS NOT NEW.automated) AND EXISTS (SELECT 1 FROM report_state) BEGIN
        INSERT INTO report_dirty SELECT month FROM (
            SELECT COALESCE(CAST(strftime('%Y%m', m.date, 'unixepoch') AS INTEGER), 0) AS month FROM message m WHERE m.participant_id = NEW.id
            UNION SELECT COALESCE(CAST(strftime('%Y%m', c.date, 'unixepoch') AS INTEGER), 0) FROM message m JOIN message c ON c.parent_id = m.id WHERE m.participant_id = NEW.id
            UNION SELECT COALESCE(CAST(strftime('%Y%m', r.date, 'unixepoch') AS INTEGER), 0) FROM message m JOIN thread t ON t.id = m.thread_id JOIN message r ON r.id = t.root_id WHERE m.participant_id = NEW.id
        ) WHERE month NOT IN (SELECT month FROM report_dirty);
    END;
    """

    /// Each sender's messages by name, organization and date, in place of `message_participant`
    /// (its first column): the identity pass reads each sender's names, and the organization pass
    /// finds the messages whose credit changes, from this index alone. Both read every message's
    /// row before, texts and all: on a million messages applying the affiliations after a
    /// one-message import took 9.4 s, 3.9 s with it.
    static let v21 = """
    CREATE INDEX message_sender ON message(participant_id, from_name, organization_id, date);
    DROP INDEX message_participant;
    """

    /// The messages that quote something, by id: the quote attribution pass looks for those
    /// waiting for it after every import, and read every message's row to find them (2 s on a
    /// million messages, for one new message); this partial index names them alone.
    static let v22 = """
    CREATE INDEX message_quoting ON message(id) WHERE thread_id IS NOT NULL AND quoted_text != '';
    """

    /// Which affiliations file the organization pass last applied (a digest of its bytes), so a
    /// report re-applies an edited file before it counts. One row at most.
    static let v16 = """
    CREATE TABLE affiliations_applied (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        digest TEXT NOT NULL,
        applied_at TEXT NOT NULL
    );
    """
}
