import Foundation
import GRDB
import Testing
@testable import ListLensIndex
import ListLensAnalysis
@testable import ListLensSQLite
import ListLensTestSupport

/// Threading on real archives, with headers and from quoted text alone, each archive imported twice
/// (`--ignore-thread-headers` the second time). The oracle is the headers: the parent In-Reply-To (else
/// the last of References) names, when it is stored. Each test prints its figures.
@Suite("Threading from headers and from quoted text", .serialized,
       .enabled(if: Fixtures.corpora != nil, "LISTLENS_CORPORA is not set: threading figures skipped"))
struct QuoteThreadingTests {
    static var corpora: URL { URL(fileURLWithPath: Fixtures.corpora!) }   // the suite runs only when set

    struct Figures: CustomStringConvertible {
        var archive: String
        /// Replies whose headers name a stored message, and how many got it as their parent.
        var headerReplies = 0, headerAgree = 0
        /// Of those, the replies that quote that parent; with text alone, how many got it, how many another.
        var quoting = 0, right = 0, wrong = 0
        /// Quoted segments of those replies the attribution pass read, whose source by depth is stored (a
        /// depth-2 quote of a reply whose grandparent the archive has); attributed to the parent or one
        /// of its ancestors, to another message, or to none.
        var segments = 0, attributedRight = 0, attributedWrong = 0

        var description: String {
            func pct(_ a: Int, _ b: Int) -> String { String(format: "%.2f%%", 100 * Double(a) / Double(max(b, 1))) }
            return "\(archive): headers \(headerAgree) of \(headerReplies) replies get the parent the headers name (\(pct(headerAgree, headerReplies))); "
                + "text alone: of \(quoting) replies that quote their parent, \(right) recovered (\(pct(right, quoting))), \(wrong) wrong (\(pct(wrong, quoting))); "
                + "quote attribution: of \(segments) quoted segments, \(attributedRight) to the parent or its ancestors (\(pct(attributedRight, segments))), "
                + "\(attributedWrong) to another message (\(pct(attributedWrong, segments)))"
        }
    }

    /// True when the reply quotes `parent`: half its depth-1 quote is in the parent's own words, or
    /// half the parent's own words are in its quote (an Outlook reply quoting the whole thread).
    static func quotes(_ reply: ExportedMessage, _ parent: ExportedMessage) -> Bool {
        let quote = QuoteMatcher.parentQuote(QuoteSegmenter.segments(of: reply.text, senderName: reply.from.name))
        let own = QuoteMatcher.ownText(QuoteSegmenter.segments(of: parent.text, senderName: parent.from.name))
        if let c = QuoteMatcher.containment(of: quote, in: QuoteMatcher.Source(ownText: own)), c >= 0.5 { return true }
        if let c = QuoteMatcher.containment(of: own, in: QuoteMatcher.Source(ownText: quote)), c >= 0.5 { return true }
        return false
    }

    /// - Parameter imported: a store that already holds `paths`, imported with headers (the twisted-python
    ///   corpus test's, so the 248 months are imported twice, not three times).
    static func measure(_ archive: String, _ paths: [String], imported: SQLiteStore? = nil) throws -> Figures {
        let (fresh, cleanH) = try ThrowawayStore.fresh()
        defer { cleanH() }
        let withHeaders = imported ?? fresh
        if imported == nil {
            let h = try Importer(store: withHeaders).run(paths: paths)
            #expect(h.failures.isEmpty)
        }
        let (textOnly, cleanT) = try ThrowawayStore.fresh()
        defer { cleanT() }
        _ = try Importer(store: textOnly, options: .init(ignoreThreadHeaders: true)).run(paths: paths)

        let messages = try withHeaders.exportedMessages()
        var byID: [String: ExportedMessage] = [:]
        for m in messages where byID[m.messageID] == nil { byID[m.messageID] = m }
        // The text-only store's parents as export writes them (`parent`, `parent_method`), read with
        // the export's own join and order but without segmenting every message again.
        var textParent: [String: String?] = [:]
        var textMethod: [String: String] = [:]
        try textOnly.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT m.message_id, pm.message_id, m.parent_method FROM message m LEFT JOIN message pm ON pm.id = m.parent_id
                ORDER BY m.date IS NULL, m.date, m.id
                """)
            while let r = try rows.next() {
                let id: String = r[0]
                guard textParent[id] == nil else { continue }
                let parent: String? = r[1]
                textParent[id] = .some(parent)
                if let method: String = r[2] { textMethod[id] = method }
            }
        }
        let diagnose = ProcessInfo.processInfo.environment["LISTLENS_THREADING_DIAGNOSE"] != nil

        // Gmane rewrites ids (`local-XXXXXXXX@public.gmane.org`): the header still names the stored
        // message with that local part, when only one has it.
        var byLocal: [Substring: [String]] = [:]
        for id in byID.keys { if let at = id.lastIndex(of: "@") { byLocal[id[..<at], default: []].append(id) } }
        func resolved(_ id: String) -> String? {
            if byID[id] != nil { return id }
            guard id.hasSuffix("@public.gmane.org"), let at = id.lastIndex(of: "@"), let dash = id[..<at].lastIndex(of: "-"),
                  let ids = byLocal[id[..<dash]], ids.count == 1 else { return nil }
            return ids[0]
        }
        var f = Figures(archive: archive)
        var seen = Set<String>()
        for m in messages where seen.insert(m.messageID).inserted {
            guard let named = m.inReplyTo.lazy.compactMap(resolved).first(where: { $0 != m.messageID })
                    ?? m.references.reversed().lazy.compactMap(resolved).first(where: { $0 != m.messageID }),
                  let parent = byID[named] else { continue }
            f.headerReplies += 1
            if m.parent == named { f.headerAgree += 1 }
            // The thread above, by the headers' links as stored.
            var ancestors = Set<String>()
            var up: String? = m.parent
            while let a = up, ancestors.count < 100, ancestors.insert(a).inserted { up = byID[a]?.parent }
            for segment in m.segments ?? [] {
                guard let source = segment.source, segment.depth <= ancestors.count else { continue }
                f.segments += 1
                if source.messageID == nil, diagnose {
                    print("  unknown depth \(segment.depth) of \(ancestors.count) | \(segment.text.prefix(90).replacingOccurrences(of: "\n", with: " / "))")
                }
                if let id = source.messageID {
                    if ancestors.contains(id) { f.attributedRight += 1 } else {
                        f.attributedWrong += 1
                        if diagnose { print("  misattributed \(m.subject.prefix(50)) | depth \(segment.depth) \(source.method) | \(byID[id]?.subject.prefix(40) ?? "?")") }
                    }
                }
            }
            guard quotes(m, parent) else { continue }
            f.quoting += 1
            switch textParent[m.messageID] ?? nil {
            case named?: f.right += 1
            case nil:
                if diagnose { print("  none  \(m.subject.prefix(60)) | \(m.date ?? "")") }
            case let other?:
                f.wrong += 1
                if diagnose {
                    let relation = parent.parent == other ? "grandparent" : (byID[other]?.parent == named ? "sibling" : "other")
                    print("  wrong \(relation) \(m.subject.prefix(50)) | parent \(parent.subject.prefix(40)) | got \(byID[other]?.subject.prefix(40) ?? "?") \(textMethod[m.messageID] ?? "")")
                }
            }
        }
        print(f)
        return f
    }

    static func check(_ f: Figures) {
        #expect(f.headerAgree * 1000 >= f.headerReplies * 995, "\(f)")
        #expect(f.right * 100 >= f.quoting * 93, "\(f)")
        #expect(f.wrong * 100 < f.quoting, "\(f)")
        #expect(f.attributedRight * 100 >= f.segments * 95, "\(f)")
        #expect(f.attributedWrong * 100 < f.segments, "\(f)")
    }

    @Test("openbmc (1,463 messages from public-inbox)")
    func openbmc() throws {
        let dir = Self.corpora.appendingPathComponent("openbmc-public-inbox")
        let paths = (1...4).map { dir.appendingPathComponent("openbmc-2020-0\($0).mbox.gz").path }
        Self.check(try Self.measure("openbmc", paths))
    }

    @Test("the notmuch lkml corpus (210 messages, deep References)")
    func lkml() throws {
        Self.check(try Self.measure("lkml", [Self.corpora.appendingPathComponent("notmuch-test-corpora/test/corpora/lkml").path]))
    }

    @Test("openbmc: Outlook's Thread-Index alone places its replies where their headers do")
    func openbmcThreadIndex() throws {
        let dir = Self.corpora.appendingPathComponent("openbmc-public-inbox")
        let paths = (1...4).map { dir.appendingPathComponent("openbmc-2020-0\($0).mbox.gz").path }
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: paths)
        // The oracle: the parents In-Reply-To and References gave, as stored. Then the same messages
        // threaded with every reference dropped: only Thread-Index (and X-GM-THRID) can link them.
        var headerParent: [Int64: Int64] = [:]
        try store.read { db in
            for row in try Row.fetchAll(db, sql: "SELECT id, parent_id FROM message WHERE parent_method IN ('in-reply-to', 'references')") {
                headerParent[row[0]] = row[1]
            }
        }
        var snapshot = try store.threadingSnapshot()
        let withIndex = snapshot.messages.filter { $0.threadIndex != nil }.count
        snapshot.references = []
        let keys = snapshot.messages.map(\.key)
        let changes = ThreadingPass.changes(for: &snapshot)
        var agree = 0, ancestor = 0, wrong = 0, unknown = 0
        for link in changes.links where link.method == ParentMethod.threadIndex.rawValue {
            guard let parent = link.parentKey else { continue }
            guard let named = headerParent[link.messageKey] else { unknown += 1; continue }
            if named == parent { agree += 1; continue }
            var up: Int64? = headerParent[named], steps = 0
            while let a = up, a != parent, steps < 100 { up = headerParent[a]; steps += 1 }
            if up == parent { ancestor += 1 } else { wrong += 1 }
        }
        print("openbmc Thread-Index: \(keys.count) messages, \(withIndex) with a Thread-Index; linked by it alone: \(agree) to the parent the headers name, "
              + "\(ancestor) to an ancestor of it (the parent has no index), \(wrong) elsewhere, \(unknown) with no header parent to compare")
        #expect(withIndex >= 200)
        #expect(agree >= 16, "python's email on the same months: 16 replies whose parent's index is stored, none disagreeing")
        #expect(wrong == 0)
    }

    // twisted-python's figures: CorpusTests' 248-month test, which has the months imported already.
}
