import Foundation
import GRDB
import Testing
@testable import ListLensIndex
import ListLensAnalysis
import ListLensMail
@testable import ListLensSQLite
import ListLensTestSupport

/// Issue 9: the threading pass reads what is pending and the threads it touches, gives the links a
/// full run gives, and readers see messages only with their threads.
@Suite("Incremental threading and publication")
struct ThreadingPassTests {
    /// Each message's thread and parent, by Message-ID: what threading decides.
    func links(_ store: SQLiteStore) throws -> [String] {
        try store.exportedMessages().map { m in "\(m.messageID) \(m.threadID ?? "-") \(m.parent ?? "-") \(m.parentMethod ?? "-")" }.sorted()
    }

    func threads(_ store: SQLiteStore) throws -> [String] {
        try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT t.key, r.message_id, t.message_count, t.first_date, t.last_date FROM thread t JOIN message r ON r.id = t.root_id
                """).map { "\($0[0] as String) \($0[1] as String) \($0[2] as Int) \(($0[3] as Int64?) ?? 0) \(($0[4] as Int64?) ?? 0)" }.sorted()
        }
    }

    @Test("a year of twisted-python imported a few months at a time, newest first, threads as one import does (corpora)")
    func incrementalEqualsFull() throws {
        guard let corpora = Fixtures.corpora else {
            print("skipped: LISTLENS_CORPORA is not set")
            return
        }
        let list = corpora + "/twisted-pipermail/twisted-python/"
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                      "November", "December"].map { list + "2010-\($0).txt.gz" }
        let (whole, c1) = try ThrowawayStore.fresh()
        defer { c1() }
        let once = try Importer(store: whole).run(paths: months)
        #expect(once.threading?.full == true)

        let (pieces, c2) = try ThrowawayStore.fresh()
        defer { c2() }
        var incremental = 0
        // Newest first: replies arrive before the messages they answer, and threads span the pieces.
        for start in stride(from: months.count - 1, through: 0, by: -3) {
            let chunk = Array(months[max(0, start - 2)...start])
            let summary = try Importer(store: pieces).run(paths: chunk)
            if summary.threading?.full == false {
                incremental += 1
                #expect(summary.threading!.consideredMessages < once.imported, "an incremental run reads part of the store")
            }
        }
        #expect(incremental >= 2)
        #expect(try links(pieces) == links(whole))
        #expect(try threads(pieces) == threads(whole))
    }

    @Test("two messages added to a store read only the thread they join, and readers see them with it")
    func fewMessagesIntoALargeStore() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let dir = try TemporaryDirectory("large")
        // 2,000 threads of three messages each.
        var mbox = ""
        for t in 0..<2_000 {
            for k in 0..<3 {
                mbox += "From t\(t)@example.org Mon Jun  1 10:00:00 2026\nMessage-ID: <m\(t).\(k)@example.org>\n"
                if k > 0 { mbox += "In-Reply-To: <m\(t).\(k - 1)@example.org>\nReferences: <m\(t).0@example.org>\n" }
                mbox += "From: P\(t % 50) <p\(t % 50)@org\(t % 7).example>\nDate: Mon, 1 Jun 2026 10:\(String(format: "%02d", k)):00 +0000\n"
                mbox += "Subject: \(k > 0 ? "Re: " : "")topic \(t)\n\nwords of message \(k) in thread \(t)\n\n"
            }
        }
        try dir.write("big.mbox", mbox)
        let first = try Importer(store: store).run(paths: [dir.file("big.mbox")])
        #expect(first.imported == 6_000 && first.threading?.full == true)
        let before = try OrganizationReport.build(store: store)

        try dir.write("more.mbox", """
            From q@example.org Tue Jun  2 10:00:00 2026
            Message-ID: <late-reply@example.org>
            In-Reply-To: <m1234.2@example.org>
            References: <m1234.0@example.org> <m1234.2@example.org>
            From: Q <q@org1.example>
            Date: Tue, 2 Jun 2026 10:00:00 +0000
            Subject: Re: topic 1234

            a late reply

            From r@example.org Tue Jun  2 11:00:00 2026
            Message-ID: <new-topic@example.org>
            From: R <r@org2.example>
            Date: Tue, 2 Jun 2026 11:00:00 +0000
            Subject: something new

            a new thread

            """)
        let added = try Importer(store: store).run(paths: [dir.file("more.mbox")])
        #expect(added.imported == 2)
        let report = try #require(added.threading)
        #expect(!report.full)
        #expect(report.consideredMessages == 5, "the two new messages and the three of the thread one joins")
        #expect(report.changedLinks == 2 && report.changedThreads == 2)
        let m = try links(store)
        #expect(m.contains("late-reply@example.org m1234.0@example.org m1234.2@example.org in-reply-to"))
        #expect(m.contains("new-topic@example.org new-topic@example.org - -"))
        let after = try OrganizationReport.build(store: store)
        #expect(after.totalMessages == before.totalMessages + 2)
        #expect(try store.counts().threads == 2_001)
    }

    @Test("messages written but not yet threaded are not seen: counts, reports, search and export agree")
    func unpublishedMessagesAreHidden() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [Fixtures.path("dedup/copy-direct.eml")])
        // A batch written as an import writes it, with no pass after it (an import killed between the two).
        let writer = try store.makeBatchWriter()
        var batch: [ImportBatch.Entry] = []
        let analyzer = MessageAnalyzer(organizations: SystemSuffixList.resolver)
        let reader = try ArchiveReader(path: Fixtures.sample)
        while let raw = try reader.next() { batch.append(.init(message: analyzer.analyze(raw), list: "cloud-ops")) }
        _ = try writer.write(ImportBatch(source: SourceRecord(path: Fixtures.sample, format: "mbox", compressed: false, size: 1), entries: batch))

        #expect(try store.counts().messages == 1, "ten written, none threaded yet")
        #expect(try OrganizationReport.build(store: store).totalMessages == 1)
        #expect(try Searcher(store: store).search(try SearchQuery.parse("from:priya")).isEmpty)
        #expect(try links(store).count == 1)
        #expect(try store.messageWatermark().pending == 10)

        let pass = try ThreadingPass.run(on: store)
        #expect(pass.ran && !pass.full && pass.consideredMessages == 10)
        let (normal, c2) = try ThrowawayStore.fresh()
        defer { c2() }
        _ = try Importer(store: normal).run(paths: [Fixtures.path("dedup/copy-direct.eml"), Fixtures.sample])
        #expect(try store.counts() == normal.counts())
        #expect(try links(store) == links(normal))
        #expect(try !Searcher(store: store).search(try SearchQuery.parse("from:priya")).isEmpty)
        #expect(try ThreadingPass.run(on: store).ran == false)
    }

    @Test("Outlook's Thread-Index and Gmail's X-GM-THRID place replies without References; subjects only for a list that asks")
    func conversationHeaders() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        let path = Fixtures.path("threading/conversations/conversations.mbox")
        func parents() throws -> [String: String] {
            var out: [String: String] = [:]
            for m in try store.exportedMessages() {
                out[m.messageID] = m.parent.map { "\($0) \(m.parentMethod ?? "-")" } ?? "-"
            }
            return out
        }
        let first = try Importer(store: store).run(paths: [path])
        #expect(first.imported == 10 && first.withDefects == 1)
        var p = try parents()
        #expect(p["reply-1@fabrikam.example"] == "root@contoso.example thread-index")
        #expect(p["reply-3@contoso.example"] == "reply-1@fabrikam.example thread-index", "its parent is not stored: the nearest ancestor that is")
        #expect(p["broken@example.net"] == "-")
        #expect(p["gm-2@example.com"] == "gm-1@example.org gm-thread")
        #expect(p["gm-3@example.org"] == "gm-2@example.com gm-thread")
        #expect(p["subj-2@example.it"] == "-", "subjects thread nothing by default")
        let defects = try store.exportedMessages().first { $0.messageID == "broken@example.net" }?.defects
        #expect(defects == ["invalid-thread-index"])
        let confidence = try store.read { db in
            try Double.fetchOne(db, sql: "SELECT parent_confidence FROM message WHERE message_id = 'gm-2@example.com'")
        }
        #expect(confidence == ThreadingPass.gmailThreadConfidence)

        // Turned on for the list, by importing it again: the list's messages are threaded again.
        let on = try Importer(store: store, options: .init(threadsBySubject: true)).run(paths: [path])
        #expect(on.imported == 0 && on.threading?.ran == true)
        p = try parents()
        #expect(p["subj-2@example.it"] == "subj-1@example.de subject")
        #expect(p["subj-3@example.de"] == "-", "no reply prefix: it answers nobody")
        #expect(p["reply-1@fabrikam.example"] == "root@contoso.example thread-index", "headers still come first")
        // Kept: a plain import leaves it on; --no-thread-by-subject turns it off.
        _ = try Importer(store: store).run(paths: [path])
        #expect(try parents()["subj-2@example.it"] == "subj-1@example.de subject")
        _ = try Importer(store: store, options: .init(threadsBySubject: false)).run(paths: [path])
        #expect(try parents()["subj-2@example.it"] == "-")
        // Thread headers are headers: --ignore-thread-headers leaves them out too.
        _ = try Importer(store: store, options: .init(ignoreThreadHeaders: true)).run(paths: [path])
        p = try parents()
        #expect(p["reply-1@fabrikam.example"] == "-" && p["gm-2@example.com"] == "-")
    }

    @Test("a reply linked by its quote keeps the quote's confidence when its Gmail conversation names the same parent")
    func confidenceByMethod() {
        func message(_ key: Int64, _ date: Int64) -> ThreadingSnapshot.Message {
            ThreadingSnapshot.Message(key: key, messageID: "m\(key)@x", date: date, subject: "Plan", firstReference: nil, parentKey: nil,
                                      parentMethod: nil, parentConfidence: nil, threadKey: nil, gmailThread: "1592654321098765432")
        }
        var snapshot = ThreadingSnapshot(messages: [message(1, 100), message(2, 200)],
                                         references: [.init(child: 2, parent: 1, kind: .quote, position: 0, confidence: 0.9)], threads: [])
        let link = ThreadingPass.changes(for: &snapshot).links.first { $0.messageKey == 2 }
        #expect(link?.parentKey == 1 && link?.method == "quote")
        #expect(link?.confidence == 0.9, "the quote's confidence, not the conversation's 0.5")
    }

    @Test("subjects link a reply to the latest earlier message of its subject within sixty days, and undated ones to none")
    func subjectWindow() {
        func message(_ key: Int64, _ date: Int64?, _ subject: String) -> ThreadingSnapshot.Message {
            ThreadingSnapshot.Message(key: key, messageID: "m\(key)@x", date: date, subject: subject, firstReference: nil, parentKey: nil,
                                      parentMethod: nil, parentConfidence: nil, threadKey: nil, subjectGroup: "1 release plan")
        }
        let day: Int64 = 86_400
        var snapshot = ThreadingSnapshot(messages: [
            message(1, 1_000 * day, "Release plan"),
            message(2, 1_010 * day, "Re: Release plan"),    // ten days on: answers 1
            message(3, 1_400 * day, "Re: Release plan"),    // a year on: another release's plan
            message(4, 1_459 * day, "Re: Release plan"),    // 59 days after 3: answers 3
            message(5, nil, "Re: Release plan"),            // undated: no guess
        ], references: [], threads: [])
        let links = ThreadingPass.changes(for: &snapshot).links
        func parent(_ key: Int64) -> Int64? { links.first { $0.messageKey == key }?.parentKey }
        #expect(parent(2) == 1 && parent(3) == nil && parent(4) == 3 && parent(5) == nil)
        #expect(links.first { $0.messageKey == 2 }?.method == "subject")
    }
}
