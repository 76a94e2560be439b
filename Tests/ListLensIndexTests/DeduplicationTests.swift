import Foundation
import GRDB
import Testing
@testable import ListLensIndex
import ListLensAnalysis
import ListLensMail
@testable import ListLensSQLite
import ListLensTestSupport

/// Issue 9, "counted wrong, silently": one message read from two formats is one message; a different
/// message reusing a Message-ID is kept; a guess can be corrected.
@Suite("Copies, imposters and replacing")
struct DeduplicationTests {
    func messages(_ store: SQLiteStore) throws -> [ExportedMessage] { try store.exportedMessages() }

    @Test("an id-less message copied with more trailing blank lines is one message")
    func trailingBlankLines() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let summary = try Importer(store: store).run(paths: [Fixtures.path("dedup/trailing-blank-lines.mbox")])
        #expect(summary.imported == 2 && summary.duplicates == 1)
        #expect(Set(try messages(store).map(\.subject)).count == 2)
    }

    @Test("a copy that came through the list (tag, List-Id, footer) is the same message, not an imposter")
    func listCopy() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [Fixtures.path("dedup/copy-direct.eml")])
        let second = try Importer(store: store).run(paths: [Fixtures.path("dedup/copy-via-list.eml")])
        #expect(second.imported == 0 && second.duplicates == 1 && second.imposters == 0)
    }

    @Test("a copy in other words is remembered: the next copy like it, with or without its Message-ID, is known at once")
    func rememberedCopies() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let dir = try TemporaryDirectory("copies")
        let head = "Date: Mon, 01 Jun 2026 10:00:00 +0000\nFrom: Ann Example <ann@example.org>\nSubject: Release notes\n"
        let body = "The release is out, with the new importer and the fixed threading pass.\n"
        let first = try dir.write("1.eml", "Message-ID: <once@example.org>\n" + head + "\n" + body
                                  + "URL: http://example.org/pipermail/demo/attachments/20260601/1/attachment.htm\n")
        let rebuilt = body + "URL: </pipermail/demo/attachments/20260601/1/attachment-0001.html>\n"
        let second = try dir.write("2.eml", "Message-ID: <once@example.org>\n" + head + "\n" + rebuilt)
        let page = try dir.write("3.eml", head + "\n" + rebuilt)   // the archive page's copy: no Message-ID
        _ = try Importer(store: store).run(paths: [first])
        let s2 = try Importer(store: store).run(paths: [second])
        #expect(s2.duplicates == 1 && s2.imposters == 0)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM message_copy") } == 1)
        let s3 = try Importer(store: store).run(paths: [page])
        #expect(s3.duplicates == 1 && s3.imported == 0, "the id-less copy matches the remembered words")
        #expect(try messages(store).count == 1)
        let forced = try Importer(store: store, options: .init(replace: true)).run(paths: [page])
        #expect(forced.replaced == 0 && forced.duplicates == 1, "an id-less copy does not replace the message with its id")
        #expect(try messages(store).map(\.messageID) == ["once@example.org"])
        _ = try Remover(store: store).run(["<once@example.org>"])
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM message_copy") } == 0)
    }

    @Test("a different message reusing a Message-ID is kept with a defect; replies go to the first")
    func imposter() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let paths = ["dedup/imposter-1.eml", "dedup/imposter-2.eml", "dedup/imposter-reply.eml"].map(Fixtures.path)
        let first = try Importer(store: store).run(paths: paths)
        #expect(first.imported == 3 && first.imposters == 1 && first.duplicates == 0)
        let all = try messages(store)
        let reused = all.filter { $0.messageID == "reused@example.org" }
        #expect(reused.count == 2)
        #expect(reused.filter { $0.defects.contains("reused-message-id") }.map(\.subject) == ["Bug#2: wrong colours"])
        #expect(all.first { $0.messageID == "reply-to-reused@example.net" }?.threadID
                == reused.first { $0.subject.hasPrefix("Bug#1") }?.threadID)
        #expect(Set(reused.map(\.threadID)).count == 2, "an imposter does not join the first one's thread by its id")
        // The same files elsewhere (a mirror of the archive): read, and every message found stored.
        let tmp = try TemporaryDirectory("imposter")
        let copies = try paths.map { path in
            let copy = tmp.file((path as NSString).lastPathComponent)
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            return copy
        }
        let again = try Importer(store: store).run(paths: copies)
        #expect(again.imported == 0 && again.duplicates == 3, "imposters are found again on re-import")
    }

    @Test("notmuch's duplicate/ corpus: one mail sent to five bug addresses, five subjects, five messages kept (corpora)")
    func notmuchImposters() throws {
        guard let corpora = Fixtures.corpora else {
            print("skipped: LISTLENS_CORPORA is not set")
            return
        }
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let folder = corpora + "/notmuch-test-corpora/test/corpora/duplicate"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }
        // An oracle by another path: the files' own Message-ID and Subject lines, read with no mail parser.
        var subjectsByID: [String: Set<String>] = [:]
        for f in files {
            let lines = try String(contentsOfFile: folder + "/" + f, encoding: .isoLatin1).split(separator: "\n")
            func header(_ name: String) -> String? {
                lines.first { $0.lowercased().hasPrefix(name + ":") }.map { $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces) }
            }
            if let id = header("message-id"), let subject = header("subject") { subjectsByID[id, default: []].insert(subject) }
        }
        let fiveWay = try #require(subjectsByID["<87r2ecrr6x.fsf@zephyr.silentflame.com>"])
        #expect(fiveWay.count == 5)
        let summary = try Importer(store: store).run(paths: [folder])
        #expect(summary.imported + summary.duplicates == files.count)
        let stored = try messages(store)
        let kept = stored.filter { $0.messageID == "87r2ecrr6x.fsf@zephyr.silentflame.com" }
        #expect(Set(kept.map(\.subject)) == fiveWay, "each copy is kept with its own subject")
        #expect(kept.filter { $0.defects.contains("reused-message-id") }.count == 4, "all but the first carry the defect")
        #expect(Set(stored.map(\.messageID)).count == subjectsByID.count, "every id is stored")
        #expect(stored.filter { $0.defects.contains("reused-message-id") }.count == summary.imposters)
        // Bremner's reply reached notmuch twice, directly and through the bug tracker (its own headers,
        // a "Re:" less, the same words): one message.
        #expect(stored.filter { $0.messageID == "87r2geywh9.fsf@tethera.net" }.count == 1)
        #expect(try Importer(store: store).run(paths: [folder]).imported == 0)
    }

    @Test("divunal-author: the HTML pages add no message to the .txt months, whichever is read first (corpora)")
    func pipermailPagesAndMonths() throws {
        guard let corpora = Fixtures.corpora else {
            print("skipped: LISTLENS_CORPORA is not set")
            return
        }
        let list = corpora + "/twisted-pipermail/divunal-author"
        let entries = try FileManager.default.contentsOfDirectory(atPath: list).sorted()
        let months = entries.filter { $0.hasSuffix(".txt") }.map { list + "/" + $0 }
        let pages = entries.filter { !$0.contains(".") && $0 != "attachments" }.map { list + "/" + $0 }
        #expect(months.count == 20 && pages.count == 20)

        let (monthsOnly, c1) = try ThrowawayStore.fresh()
        defer { c1() }
        let m = try Importer(store: monthsOnly).run(paths: months)
        let monthMessages = try messages(monthsOnly)
        #expect(m.imported == monthMessages.count && m.imported > 100)

        let (pagesOnly, c2) = try ThrowawayStore.fresh()
        defer { c2() }
        let p = try Importer(store: pagesOnly).run(paths: pages)
        #expect(p.imported > 100 && p.imported <= m.imported)

        let (whole, c3) = try ThrowawayStore.fresh()
        defer { c3() }
        let w = try Importer(store: whole).run(paths: [list])
        #expect(w.imported == m.imported, "the list folder (months, .gz twins and pages) holds the months' messages")

        let (pagesFirst, c4) = try ThrowawayStore.fresh()
        defer { c4() }
        _ = try Importer(store: pagesFirst).run(paths: pages)
        let then = try Importer(store: pagesFirst).run(paths: months)
        #expect(then.imported + p.imported == m.imported)
        #expect(then.identified > 0, "pages read first get their Message-ID from the month")
        let ids = { (s: [ExportedMessage]) in Set(s.map(\.messageID).filter { !$0.hasSuffix("@listlens.invalid") }) }
        #expect(ids(try messages(pagesFirst)) == ids(monthMessages), "every real Message-ID, whichever came first")

        // Organizations are counted once per message, not once per format.
        let orgs = { (s: SQLiteStore) in try OrganizationReport.build(store: s).rows.map { "\($0.organization ?? "-") \($0.messages)" } }
        #expect(try orgs(whole) == orgs(monthsOnly))
    }

    @Test("--replace corrects a bare HTML body imported without --from; without it the summary says the value was not applied")
    func replaceCorrectsAGuess() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let page = Fixtures.path("dedup/bare-reply.html")
        _ = try Importer(store: store).run(paths: [page])
        #expect(try messages(store).first?.from.address == nil)
        let given = try MessageDefaults.parse(from: "Jamey <jamey@example.com>", date: "2017-06-02 14:05 -0400", subject: "Re: LCOO").get()
        let unapplied = try Importer(store: store, options: .init(defaults: given)).run(paths: [page])
        #expect(unapplied.duplicates == 1 && unapplied.givenValuesNotApplied == 1)
        #expect(try messages(store).first?.from.address == nil)

        let replaced = try Importer(store: store, options: .init(defaults: given, replace: true)).run(paths: [page])
        #expect(replaced.replaced == 1 && replaced.imported == 0 && replaced.givenValuesNotApplied == 0)
        let after = try messages(store)
        #expect(after.count == 1)
        #expect(after.first?.from.address == "jamey@example.com" && after.first?.subject == "Re: LCOO")
        #expect(after.first?.participant == "jamey@example.com")
        let hits = try Searcher(store: store).search(try SearchQuery.parse("from:jamey settles"))
        #expect(hits.count == 1, "the full-text index follows the replaced message")
        #expect(replaced.threading?.ran == true, "a message changed in place is threaded again")
        try store.write { db in
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            try db.execute(sql: "INSERT INTO message_fts(message_fts) VALUES ('integrity-check')")
        }
    }

    @Test("migrations from v2 keep the messages, compute content keys and shingles, keep the shingles by message, and v12 drops them")
    func migrationFromV2() throws {
        let dir = try TemporaryDirectory("v2")
        let path = try oldStore(in: dir, upTo: "v2-passes") { db in
            try db.execute(sql: "INSERT INTO source (path, format, compressed, size, imported_at) VALUES ('a.mbox', 'mbox', 0, 1, '')")
            try db.execute(sql: """
                INSERT INTO message (message_id, synthetic_id, date_source, from_address, subject, normalized_subject, tags,
                    text, authored_text, quoted_text, defects, source_id, offset, length)
                VALUES ('old@example.org', 0, 'header', 'Ann@Example.org', 'Re: Old', 'Old', '[]', 'Old words that a later reply could quote back.', 'Old words that a later reply could quote back.', '', '[]', 1, 0, 10)
                """)
            try db.execute(sql: "INSERT INTO message_fts (rowid, subject, authored_text, quoted_text) VALUES (1, 'Re: Old', 'Old words that a later reply could quote back.', '')")
            try db.execute(sql: "INSERT INTO message_ref (message_id, kind, position, ref) VALUES (1, 'in-reply-to', 0, 'x@y')")
        }
        // What v4 to v7 made of the shingles, before v12 dropped them.
        let (own, fingerprint, quoteShingles, pending) = try migrate(path, upTo: "v11-quote-layout") { db in
            (Set(try Int64.fetchAll(db, sql: "SELECT hash FROM shingle WHERE message = 1")),
             Set(try Int64.fetchAll(db, sql: "SELECT j.value FROM message_fingerprint f, json_each(f.own_shingles) j WHERE f.message = 1")),
             try String.fetchOne(db, sql: "SELECT quote_shingles FROM message_fingerprint WHERE message = 1"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM shingle_pending"))
        }
        // v4 computed the shingles into the hash-ordered index; v5 keeps them there and by message, v7 as one row.
        let expected = Set(Shingles.sampled("Old words that a later reply could quote back."))
        #expect(!expected.isEmpty)
        #expect(own == expected)
        #expect(fingerprint == expected)
        #expect(quoteShingles == "[]")
        #expect(pending == 0)
        let store = try SQLiteStore(path: path)
        #expect(try store.appliedMigrations() == ["v1-foundation", "v2-passes", "v3-content", "v4-quotes", "v5-shingle-order", "v6-conversations",
                                                   "v7-fingerprints", "v8-quote-pass", "v9-text-marks", "v10-list-footers", "v11-quote-layout",
                                                   "v12-no-shingle-index", "v13-automated-senders", "v14-persons", "v15-rewritten-senders", "v16-affiliations", "v17-authored-words", "v18-report-index", "v19-report-tables", "v20-report-dirty-months", "v21-sender-index", "v22-quoting-index", "v23-search-tokens", "v24-topics", "v25-search-indexes", "v26-source-files"])
        try store.read { db in
            let key = try String.fetchOne(db, sql: "SELECT content_key FROM message WHERE message_id = 'old@example.org'")
            #expect(key == ContentKey.of(fromAddress: "ann@example.org", normalizedSubject: "Old", text: "Old words that a later reply could quote back."))
            for table in ["shingle", "quote_shingle", "message_fingerprint", "shingle_pending"] {
                #expect(try db.tableExists(table) == false, "v12 drops \(table)")
            }
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM message_ref") == 1)
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            // v23: the reply's subject is inherited, and the index agrees with its content, the view.
            #expect(try Int.fetchOne(db, sql: "SELECT subject_inherited FROM message WHERE message_id = 'old@example.org'") == 1)
            let indexes = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'message' AND sql IS NOT NULL")
            #expect(Set(indexes).isSuperset(of: ["message_message_id", "message_content_key", "message_report", "message_date"]))
        }
        try store.pool.write { db in try db.execute(sql: "INSERT INTO message_fts (message_fts) VALUES ('integrity-check')") }
        // The v2 row has no thread (it was written without a pass): it is published once threaded.
        #expect(try Searcher(store: store).search(try SearchQuery.parse("words")).isEmpty)
        #expect(try ThreadingPass.run(on: store).full)
        #expect(try Searcher(store: store).search(try SearchQuery.parse("words")).count == 1)
        #expect(try Searcher(store: store).search(try SearchQuery.parse("quo*")).count == 1)
        // Its inherited subject (`Re: Old`) is not indexed as its words; `subject:` still finds it.
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM message_fts WHERE message_fts MATCH 'subject: old'") } == 0)
        #expect(try Searcher(store: store).count(try SearchQuery.parse("subject:old")) == 1)
        let reimport = try Importer(store: store).run(paths: [Fixtures.path("dedup/copy-direct.eml")])
        #expect(reimport.imported == 1)
        // v24: the next import finds the topics of every thread, the migrated ones too.
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM thread WHERE topics_version != ?", arguments: [TopicPass.version]) } == 0)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM thread") } ?? 0 > 0)
    }

    @Test("v7 turns each message's shingle rows into one fingerprint row, the quote's in position order")
    func migrationToFingerprints() throws {
        let dir = try TemporaryDirectory("v6")
        let path = try oldStore(in: dir, upTo: "v6-conversations") { db in
            try db.execute(sql: "INSERT INTO source (path, format, compressed, size, imported_at) VALUES ('a.mbox', 'mbox', 0, 1, '')")
            for id in ["a@x", "b@x", "c@x"] {
                try db.execute(sql: """
                    INSERT INTO message (message_id, synthetic_id, date_source, subject, normalized_subject, tags,
                        text, authored_text, quoted_text, defects, source_id, offset, length)
                    VALUES (?, 0, 'header', 's', 's', '[]', 't', 't', '', '[]', 1, 0, 1)
                    """, arguments: [id])
            }
            // Message 1 has own and quoted shingles (positions written out of order), 2 only own ones, 3 none.
            try db.execute(sql: "INSERT INTO message_shingle (message, hash) VALUES (1, 7), (1, -9223372036854775808), (2, 5)")
            try db.execute(sql: """
                INSERT INTO message_quote_shingle (message, position, hash) VALUES (1, 1, 30), (1, 0, 9223372036854775807), (1, 2, -4)
                """)
        }
        try migrate(path, upTo: "v7-fingerprints") { db in
            let rows = try Row.fetchAll(db, sql: "SELECT message, own_shingles, quote_shingles FROM message_fingerprint ORDER BY message")
            #expect(rows.map { "\($0[0] as Int64) \($0[1] as String) \($0[2] as String)" }
                    == ["1 [-9223372036854775808,7] [9223372036854775807,30,-4]", "2 [5] []"])
            // json_each gives back the same 64-bit integers, the way the passes read them.
            #expect(try Int64.fetchAll(db, sql: """
                SELECT j.value FROM message_fingerprint f, json_each(f.quote_shingles) j WHERE f.message = 1 ORDER BY j.key
                """) == [Int64.max, 30, -4])
            #expect(try Int64.fetchAll(db, sql: """
                SELECT j.value FROM message_fingerprint f, json_each(f.own_shingles) j WHERE f.message = 1 ORDER BY j.key
                """) == [Int64.min, 7])
            #expect(try db.tableExists("message_shingle") == false)
            #expect(try db.tableExists("message_quote_shingle") == false)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
        }
    }

    @Test("v8 moves which messages the quote pass has done out of the message rows, and keeps every row")
    func migrationToQuotePassTable() throws {
        let dir = try TemporaryDirectory("v7")
        let path = try oldStore(in: dir, upTo: "v7-fingerprints") { db in
            try db.execute(sql: "INSERT INTO source (path, format, compressed, size, imported_at) VALUES ('a.mbox', 'mbox', 0, 1, '')")
            for (id, version) in [("a@x", 1 as Int?), ("b@x", nil), ("c@x", 7)] {
                try db.execute(sql: """
                    INSERT INTO message (message_id, synthetic_id, date_source, subject, normalized_subject, tags,
                        text, authored_text, quoted_text, defects, source_id, offset, length, quotes_version)
                    VALUES (?, 0, 'header', 's', 's', '[]', 't', 't', 'q', '[]', 1, 0, 1, ?)
                    """, arguments: [id, version])
            }
            try db.execute(sql: "INSERT INTO quote_shingle (hash, message, position) VALUES (30, 1, 0), (-4, 1, 1)")
        }
        try migrate(path, upTo: "v8-quote-pass") { db in
            let done = try Row.fetchAll(db, sql: "SELECT message, version FROM message_quote_pass ORDER BY message")
            #expect(done.map { "\($0[0] as Int64):\($0[1] as Int64)" } == ["1:1", "3:7"])
            #expect(try db.columns(in: "message").map(\.name).contains("quotes_version") == false)
            #expect(try db.columns(in: "quote_shingle").map(\.name) == ["hash", "message"])
            #expect(try Int64.fetchAll(db, sql: "SELECT hash FROM quote_shingle ORDER BY hash") == [-4, 30])
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM message") == 3)
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
        }
    }
}
