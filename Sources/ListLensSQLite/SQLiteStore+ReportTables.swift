import GRDB
import ListLensIndex

/// The report tables (``ReportRollup``): kept current, and chosen or computed for each report.
extension SQLiteStore {
    /// Dirty months up to this many are rebuilt one by one, their messages found by date; more,
    /// in one pass over the messages' report index. On a million messages a month took 0.2 to
    /// 0.4 s alone; 36 months took 13.4 s one by one and 9.9 s in one pass (all of them, 29 s).
    static let monthByMonth = 4

    /// Brings the report tables up to date: the months writes marked dirty are rebuilt from their
    /// messages (the whole tables when they were never built).
    public func refreshReportTables() throws {
        guard access == .readWrite else { return }
        try write { db in
            guard try !Self.reportTablesAreCurrent(db) else { return }
            let built = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM report_state)") == true
            let dirty = try Int.fetchAll(db, sql: "SELECT month FROM report_dirty ORDER BY month")
            for table in ReportRollup.tables {
                if !built {
                    try db.execute(sql: "DELETE FROM \(table)")
                    try db.execute(sql: "INSERT INTO \(table) \(ReportRollup.select(table, .all))")
                    continue
                }
                try db.execute(sql: "DELETE FROM \(table) WHERE COALESCE(month, 0) IN (SELECT month FROM report_dirty)")
                guard dirty.count <= Self.monthByMonth else {
                    try db.execute(sql: "INSERT INTO \(table) \(ReportRollup.select(table, .dirty))")
                    continue
                }
                let month = try db.makeStatement(sql: "INSERT INTO \(table) \(ReportRollup.select(table, .month))")
                for m in dirty where m != 0 {
                    try month.execute(arguments: ["from": ReportRollup.start(ofMonth: m), "to": ReportRollup.start(ofMonth: ReportRollup.following(m))])
                }
                if dirty.first == 0 { try db.execute(sql: "INSERT INTO \(table) \(ReportRollup.select(table, .undated))") }
            }
            if !built { try db.execute(sql: "INSERT INTO report_state (id, built_at) VALUES (1, datetime('now'))") }
            try db.execute(sql: "DELETE FROM report_dirty")
        }
    }

    public func reportTablesAreCurrent() throws -> Bool {
        try read { try Self.reportTablesAreCurrent($0) }
    }

    /// Whether the stored sums hold every write: built (a store opened read-only at an older
    /// schema has none), with no month a write changed since.
    static func reportTablesAreCurrent(_ db: Database) throws -> Bool {
        guard try db.tableExists("report_dirty") else { return false }
        return try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM report_state) AND NOT EXISTS (SELECT 1 FROM report_dirty)
            """) == true
    }

    /// What a report's SQL starts with so that its `report_*` names read the right rows: the stored
    /// tables when they are current and serve the query's range, else the same rows computed from
    /// the messages in the range.
    static func reportTables(_ db: Database, _ query: ReportQuery) throws -> String {
        ReportRollup.source(current: try reportTablesAreCurrent(db), since: query.since, until: query.until)
    }

    /// Every organization's name by its id, for report rows keyed by id.
    static func organizationNames(_ db: Database) throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT id, name FROM organization") { names[r[0]] = r[1] }
        return names
    }

    /// The WHERE condition over a report table's rows `r` for the messages a
    /// report counts, and its arguments: one filter for every figure a report prints. `automated`
    /// nil leaves automated senders in, true keeps only them; `byOrganization` false leaves the
    /// query's organization out.
    static func reportFilter(_ query: ReportQuery, automated: Bool? = false, byOrganization: Bool = true) -> (sql: String, arguments: StatementArguments) {
        var sql = """
            (:sinceMonth IS NULL OR r.month >= :sinceMonth) AND (:untilMonth IS NULL OR r.month < :untilMonth)
              AND (:list IS NULL OR r.list_id = (SELECT id FROM list WHERE name = :list))
            """
        if byOrganization {
            sql += " AND (:org IS NULL OR r.organization_id = (SELECT id FROM organization WHERE name = :org COLLATE NOCASE ORDER BY id LIMIT 1))"
        }
        switch automated {
        case false?: sql += " AND (:bots OR r.automated IS NOT 1)"
        case true?: sql += " AND r.automated = 1"
        case nil: break
        }
        let months = ReportRollup.months(since: query.since, until: query.until)
        var arguments: StatementArguments = ["since": query.since, "until": query.until, "sinceMonth": months.since,
                                             "untilMonth": months.until, "list": query.list, "bots": query.includingAutomated]
        if byOrganization { arguments += ["org": query.organization] }
        return (sql, arguments)
    }

    /// The SQL giving the period of a report table's `month` for `--by` as an integer key
    /// (`yyyymm`, `yyyy` × 10 + quarter, `yyyy`; NULL where undated), or NULL without `--by`:
    /// integers group and hash faster than the names ``periodName(_:_:)`` makes of them.
    static func periodKey(_ by: ReportPeriod?, _ month: String) -> String {
        switch by {
        case nil: return "NULL"
        case .month?: return month
        case .quarter?: return "\(month) / 100 * 10 + (\(month) % 100 + 2) / 3"
        case .year?: return "\(month) / 100"
        }
    }

    /// The period key of a report table's `month` (nil where undated, or without `--by`), as
    /// ``periodKey(_:_:)`` computes it in SQL: for rows grouped by month, merged into periods here.
    static func periodKey(_ by: ReportPeriod?, month: Int64?) -> Int64? {
        guard let by, let month else { return nil }
        switch by {
        case .month: return month
        case .quarter: return month / 100 * 10 + (month % 100 + 2) / 3
        case .year: return month / 100
        }
    }

    /// The name of a period key (`2020-03`, `2020-Q1`, `2020`, UTC; ``ReportPeriod/undated`` for
    /// none), nil without `--by`.
    static func periodName(_ by: ReportPeriod?, _ key: Int64?) -> String? {
        guard let by else { return nil }
        guard let key else { return ReportPeriod.undated }
        func digits(_ n: Int64, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        switch by {
        case .month: return digits(key / 100, 4) + "-" + digits(key % 100, 2)
        case .quarter: return digits(key / 10, 4) + "-Q" + String(key % 10)
        case .year: return digits(key, 4)
        }
    }
}
