import Foundation
import GRDB
import Testing
@testable import ListLensIndex
@testable import ListLensSQLite
import ListLensTestSupport

/// Reports read the report tables (v19) when they are current, and otherwise read messages through
/// the `message_report` index (v18), never by scanning the rows of `message`, which hold the
/// texts: what keeps `orgs` on a large store from reading all of it. The plans are SQLite's own
/// (EXPLAIN QUERY PLAN of every statement the reports ran).
@Suite("Reports read the report index")
struct ReportIndexTests {
    final class Statements: @unchecked Sendable {
        private let lock = NSLock()
        private var sql: [String] = []
        func add(_ s: String) { lock.lock(); sql.append(s); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return sql }
    }

    /// Every statement the reports run on `path`, opened read-only as a report server opens it:
    /// one connection, so its trace sees them all.
    static func statements(_ path: String) throws -> (SQLiteStore, Set<String>) {
        let store = try SQLiteStore(path: path, access: .readOnly)
        let seen = Statements()
        store.pool.writeWithoutTransaction { db in
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event { seen.add(statement.sql) }
            }
        }
        var byQuarter = ReportQuery()
        byQuarter.by = .quarter
        _ = try OrganizationReport.build(store: store, ReportQuery())
        _ = try OrganizationReport.build(store: store, byQuarter)
        _ = try ReplyMatrix.build(store: store, ReportQuery())
        _ = try store.explainOrganization(ReportQuery(organization: "widgets.example"))
        _ = try PeopleReport.build(store: store, ReportQuery())
        _ = try HealthReport.build(store: store, byQuarter, perList: true, share: 0.5)
        _ = try store.periodMessages(byQuarter)
        _ = try store.topPeople(ReportQuery(), limit: 15)
        store.pool.writeWithoutTransaction { db in db.trace(options: .statement, nil) }
        return (store, Set(seen.all.filter { $0.uppercased().contains("SELECT") }))
    }

    @Test("no statement of orgs, orgs --by, --matrix, --explain, people, health or the report page scans the message table")
    func noTableScans() throws {
        let (written, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: written).run(paths: [Fixtures.path("sample/community-list.mbox"), Fixtures.path("affiliations/suggest.mbox")])

        // With the report tables current (as an import leaves them), reports read only them.
        let (_, current) = try Self.statements(written.path)
        #expect(current.count >= 9)
        for sql in current { #expect(!sql.contains("FROM message") && !sql.contains("JOIN message"), "\(sql.prefix(200))") }

        // Stale, they compute the same rows from the messages: through the index, never the rows.
        try written.write { db in try db.execute(sql: "DELETE FROM report_state") }
        let (store, stale) = try Self.statements(written.path)
        let selects = stale.filter { $0.contains("FROM message") }
        #expect(selects.count >= 9, "the reports' statements were seen: \(selects.count)")
        try store.pool.read { db in
            for sql in selects {
                // Parameters left unbound are NULL: the plan does not depend on their values.
                let statement = try db.makeStatement(sql: "EXPLAIN QUERY PLAN " + sql)
                statement.setUncheckedArguments(StatementArguments())
                let plan = try Row.fetchAll(statement).map { $0["detail"] as String }
                // `SCAN m` alone reads every row; `SCAN m USING COVERING INDEX` reads the index.
                let scans = plan.filter { ($0.hasPrefix("SCAN m") || $0.hasPrefix("SCAN message") || $0.hasPrefix("SCAN x"))
                                          && !$0.contains("COVERING INDEX") }
                #expect(scans.isEmpty, "\(sql.prefix(160)) … plan: \(plan)")
            }
        }
    }

    @Test("a refresh after a small write finds the changed months' messages by date, never by reading every message")
    func refreshByMonthSearches() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [Fixtures.path("sample/community-list.mbox"), Fixtures.path("affiliations/suggest.mbox")])
        try store.write { db in
            try db.execute(sql: "UPDATE message SET authored_words = authored_words + 1 WHERE id = (SELECT min(id) FROM message)")
            try db.execute(sql: "INSERT INTO report_dirty VALUES (0)")   // the undated messages too
        }
        let seen = Statements()
        store.pool.writeWithoutTransaction { db in
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event { seen.add(statement.sql) }
            }
        }
        try store.refreshReportTables()
        store.pool.writeWithoutTransaction { db in db.trace(options: .statement, nil) }
        let inserts = Set(seen.all.filter { $0.hasPrefix("INSERT INTO report_") && $0.contains("FROM message") })
        #expect(inserts.count == 2 * ReportRollup.tables.count, "each table's rows for a month and for the undated: \(inserts.count)")
        try store.pool.read { db in
            for sql in inserts {
                let statement = try db.makeStatement(sql: "EXPLAIN QUERY PLAN " + sql)
                statement.setUncheckedArguments(StatementArguments())
                let plan = try Row.fetchAll(statement).map { $0["detail"] as String }
                #expect(plan.contains { $0.hasPrefix("SEARCH m USING INDEX message_date") }, "\(sql.prefix(160)) … plan: \(plan)")
                #expect(!plan.contains { $0.hasPrefix("SCAN m") || $0.hasPrefix("SCAN message") }, "\(sql.prefix(160)) … plan: \(plan)")
            }
        }
    }
}
