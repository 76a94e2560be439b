import Foundation
import GRDB
@testable import ListLensIndex
@testable import ListLensSQLite
import ListLensTestSupport
import Testing

/// The report tables (``ReportRollup``) are an accelerator only: every report reads the same
/// figures from them as from the messages, writes mark their months dirty, a refresh by month
/// gives the tables a whole rebuild gives, and a stale or unaligned query never reads them.
@Suite("Report tables")
struct ReportTablesTests {
    /// Every report for `query`, as comparable values.
    struct Figures: Equatable {
        var orgs: OrganizationReport
        var matrix: ReplyMatrix
        var people: PeopleReport
        var health: HealthReport
        var healthPerList: HealthReport
        var explained: OrganizationExplanation?
        var periods: [String]
        var top: TopPeople

        init(_ store: SQLiteStore, _ query: ReportQuery) throws {
            orgs = try store.organizationReport(query)
            matrix = try store.replyMatrix(query)
            people = try store.peopleReport(query, first: nil)
            health = try store.healthReport(query, perList: false, share: 0.5)
            healthPerList = try store.healthReport(query, perList: true, share: 0.5)
            var named = query
            named.organization = orgs.rows.first { $0.organization != nil }?.organization
            explained = named.organization == nil ? nil : try store.explainOrganization(named)
            periods = try store.periodMessages(query).map { "\($0.period ?? "-") \($0.organization ?? "-") \($0.messages)" }.sorted()
            top = try store.topPeople(query, limit: 10)
            // The first few built alone are the full report's first rows, and count every person.
            for first in [1, 3] {
                let few = try store.peopleReport(query, first: first)
                #expect(few.rows == Array(people.rows.prefix(first)) && few.persons == people.rows.count && few.leftOut == people.leftOut,
                        "first \(first) of \(query)")
            }
        }
    }

    static func queries(months: [Int64]) -> [ReportQuery] {
        var out: [ReportQuery] = [ReportQuery(), ReportQuery(includingAutomated: true), ReportQuery(by: .month),
                                  ReportQuery(by: .quarter), ReportQuery(includingAutomated: true, by: .year)]
        if months.count >= 2 {
            out.append(ReportQuery(since: months[0], until: months[1], by: .month))   // on month boundaries
            out.append(ReportQuery(since: months[0] + 86_400 * 3 + 7, until: months[1] - 3_600, by: .month))   // not on them
            out.append(ReportQuery(since: months[0] + 86_400 * 10))
        }
        return out
    }

    /// The stored sums, then the same reports with the sums marked stale (read from the messages).
    static func checkAgree(_ store: SQLiteStore, label: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try store.reportTablesAreCurrent(), "\(label): an import leaves the report tables current", sourceLocation: sourceLocation)
        let months = try store.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT DISTINCT CAST(strftime('%s', strftime('%Y-%m-01', date, 'unixepoch')) AS INTEGER) FROM message
                WHERE date IS NOT NULL ORDER BY 1
                """)
        }
        var lists = try store.read { db in try String.fetchAll(db, sql: "SELECT name FROM list ORDER BY name") }
        lists = Array(lists.prefix(2))
        let queries = queries(months: Array(months.suffix(3))) + lists.map { ReportQuery(list: $0, by: .year) }
        let stored = try queries.map { try Figures(store, $0) }
        try store.write { db in try db.execute(sql: "DELETE FROM report_state") }
        #expect(try !store.reportTablesAreCurrent(), sourceLocation: sourceLocation)
        for (query, figures) in zip(queries, stored) {
            let computed = try Figures(store, query)
            #expect(computed == figures, "\(label): \(query)", sourceLocation: sourceLocation)
        }
        #expect(stored[0].orgs.totalMessages > 0, sourceLocation: sourceLocation)
        try store.refreshReportTables()
        #expect(try store.reportTablesAreCurrent(), sourceLocation: sourceLocation)
        #expect(try Figures(store, queries[0]) == stored[0], sourceLocation: sourceLocation)
    }

    @Test("the reports read the same figures from the stored sums as from the messages (fixtures)")
    func fixturesAgree() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [Fixtures.path("affiliations/suggest.mbox"), Fixtures.path("affiliations/dated.mbox")])
        try Self.checkAgree(store, label: "fixtures")
    }

    @Test("openbmc: the same figures from the stored sums as from the messages, for every kind of query (corpora)",
          .enabled(if: Fixtures.corpora != nil, "LISTLENS_CORPORA is not set: skipped"))
    func openbmcAgrees() throws {
        let corpora = URL(fileURLWithPath: Fixtures.corpora!)
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: (1...4).map {
            corpora.appendingPathComponent("openbmc-public-inbox/openbmc-2020-0\($0).mbox.gz").path
        })
        try Self.checkAgree(store, label: "openbmc")
    }

    /// Every row of every report table, as text, sorted.
    static func tables(_ store: SQLiteStore) throws -> [String: [String]] {
        try store.read { db in
            var out: [String: [String]] = [:]
            for table in ReportRollup.tables {
                out[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map(\.description).sorted()
            }
            return out
        }
    }

    /// The tables as the refresh left them are the tables built whole from the same messages.
    static func checkSameAsWhole(_ store: SQLiteStore, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let refreshed = try tables(store)
        try store.write { db in try db.execute(sql: "DELETE FROM report_state") }
        try store.refreshReportTables()
        let whole = try tables(store)
        for table in ReportRollup.tables {
            let a = Set(refreshed[table] ?? []), b = Set(whole[table] ?? [])
            #expect(a == b, "\(label): \(table) rebuilt by month has \(a.subtracting(b).sorted()) where built whole it has \(b.subtracting(a).sorted())",
                    sourceLocation: sourceLocation)
        }
        #expect(refreshed == whole, "\(label): the same rows, as many times", sourceLocation: sourceLocation)
        #expect(whole["report_sender"]?.isEmpty == false, sourceLocation: sourceLocation)
    }

    @Test("every write to what the sums hold marks its months dirty, and the refresh by month gives the tables a whole rebuild gives")
    func writesMarkMonthsDirty() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [Fixtures.path("affiliations/suggest.mbox"), Fixtures.path("sample/community-list.mbox")])
        // The only answer in a thread of two: moved to a later month than its thread's start,
        // then within that month, it changes when the start (in its own month) was answered.
        let reply = """
            (SELECT m.id FROM message m JOIN thread t ON t.id = m.thread_id
             WHERE m.parent_id = t.root_id AND (SELECT count(*) FROM message x WHERE x.thread_id = t.id) = 2 ORDER BY m.id LIMIT 1)
            """
        let writes = [
            "UPDATE message SET organization_id = NULL WHERE id = (SELECT min(id) FROM message WHERE organization_id IS NOT NULL)",
            "UPDATE message SET authored_words = authored_words + 1 WHERE id = (SELECT min(id) FROM message)",
            "UPDATE message SET date = date + 1 WHERE id = (SELECT min(id) FROM message)",
            "UPDATE message SET date = date + 86400 * 45 WHERE id = \(reply)",
            "UPDATE message SET date = date + 3600 WHERE id = \(reply)",
            "UPDATE message SET date = NULL WHERE id = \(reply)",
            "UPDATE message SET parent_id = NULL WHERE id = \(reply)",
            "UPDATE message SET thread_id = (SELECT min(id) FROM thread) WHERE id = (SELECT max(id) FROM message)",
            "UPDATE message SET participant_id = (SELECT min(id) FROM participant) WHERE id = (SELECT min(id) FROM message WHERE parent_id IS NOT NULL)",
            "UPDATE participant SET automated = 'tracker' WHERE id = (SELECT participant_id FROM message WHERE id = (SELECT min(id) FROM message))",
            """
            UPDATE participant SET person_id = (SELECT min(person_id) FROM participant) WHERE id = (
                SELECT max(m.participant_id) FROM message m JOIN participant p ON p.id = m.participant_id
                WHERE p.person_id IS NOT (SELECT min(person_id) FROM participant))
            """,
            """
            UPDATE thread SET root_id = (SELECT max(m.id) FROM message m WHERE m.thread_id = thread.id)
            WHERE id = (SELECT thread_id FROM message GROUP BY thread_id HAVING count(*) > 2 ORDER BY thread_id LIMIT 1)
            """,
            "remove the newest message",
        ]
        for sql in writes {
            try store.refreshReportTables()
            #expect(try store.reportTablesAreCurrent())
            if sql.hasPrefix("remove") {
                // Removed as `listlens remove` removes, with what refers to it.
                let last = try store.read { db in try String.fetchOne(db, sql: "SELECT message_id FROM message ORDER BY id DESC LIMIT 1") }
                _ = try store.remove(.messageID(try #require(last)))
            } else {
                try store.write { db in try db.execute(sql: sql) }
            }
            #expect(try !store.reportTablesAreCurrent(), "\(sql)")
            let dirty = try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM report_dirty") } ?? 0
            #expect(dirty > 0, "\(sql): months recorded, not the whole tables marked")
            let stale = try Figures(store, ReportQuery(includingAutomated: true))
            try store.refreshReportTables()
            #expect(try store.reportTablesAreCurrent())
            #expect(try Figures(store, ReportQuery(includingAutomated: true)) == stale, "\(sql)")
            try Self.checkSameAsWhole(store, sql)
        }
        // Many months at once are rebuilt in one pass over the messages, with the same rows.
        try store.write { db in
            try db.execute(sql: "UPDATE message SET authored_words = authored_words + 2")
            try db.execute(sql: "INSERT OR IGNORE INTO report_dirty VALUES (0)")
        }
        let months = try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM report_dirty") } ?? 0
        #expect(months > SQLiteStore.monthByMonth, "enough months for one pass: \(months)")
        let stale = try Figures(store, ReportQuery(includingAutomated: true))
        try store.refreshReportTables()
        #expect(try Figures(store, ReportQuery(includingAutomated: true)) == stale)
        try Self.checkSameAsWhole(store, "every month in one pass")
        // A write to what they do not hold, or one that changes nothing, leaves them current.
        try store.write { db in
            try db.execute(sql: "UPDATE message SET subject = subject || '.' WHERE id = (SELECT min(id) FROM message)")
            try db.execute(sql: "UPDATE thread SET root_id = root_id")
            try db.execute(sql: "UPDATE participant SET person_id = person_id, automated = automated")
        }
        #expect(try store.reportTablesAreCurrent())
    }

    @Test("a small import into a larger store rebuilds only its months, with the figures and tables a whole rebuild gives")
    func smallImportRebuildsItsMonths() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [Fixtures.path("sample/community-list.mbox"), Fixtures.path("affiliations/dated.mbox")])
        #expect(try store.reportTablesAreCurrent(), "an import into an empty store builds them")
        let before = try store.read { db in try Int.fetchOne(db, sql: "SELECT count(DISTINCT month) FROM report_sender") } ?? 0
        let one = try Importer(store: store).run(paths: [Fixtures.path("clients/gmail-reply.eml")])
        #expect(one.imported == 1 && before > 2)
        #expect(try store.reportTablesAreCurrent(), "the import rebuilt its month")
        let stored = try Figures(store, ReportQuery(includingAutomated: true))
        try store.write { db in try db.execute(sql: "DELETE FROM report_state") }
        #expect(try Figures(store, ReportQuery(includingAutomated: true)) == stored, "the same figures from the messages")
        try store.refreshReportTables()
        try store.write { db in try db.execute(sql: "INSERT INTO report_dirty VALUES (0)") }
        try store.refreshReportTables()
        try Self.checkSameAsWhole(store, "one message, and the undated month")
    }

    @Test("only a range on month boundaries reads the stored sums; months as the tables key them")
    func monthBoundaries() {
        let march = Int64(1_583_020_800)   // 2020-03-01T00:00:00Z
        let april = Int64(1_585_699_200)   // 2020-04-01T00:00:00Z
        #expect(ReportRollup.source(current: true, since: nil, until: nil) == "")
        #expect(ReportRollup.source(current: true, since: march, until: april) == "")
        #expect(ReportRollup.source(current: true, since: march + 1, until: april).hasPrefix("WITH report_sender AS"))
        #expect(ReportRollup.source(current: true, since: march, until: april - 86_400).hasPrefix("WITH"))
        #expect(ReportRollup.source(current: false, since: nil, until: nil).hasPrefix("WITH"))
        #expect(ReportRollup.month(of: march) == 202003 && ReportRollup.month(of: april - 1) == 202003)
        #expect(ReportRollup.months(since: march, until: april) == (202003, 202004))
        #expect(ReportRollup.months(since: march + 5, until: april + 5) == (202003, 202005))
        let december = Int64(1_607_990_400)   // 2020-12-15T00:00:00Z
        #expect(ReportRollup.months(since: nil, until: december) == (nil, 202101))
    }
}
