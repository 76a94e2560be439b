import Foundation

/// The report tables: what every report counts, summed per month, list, organization and sender,
/// so a report reads thousands of rows rather than every message with its thread, sender and
/// parent (on a million messages those joins alone take seconds).
///
/// - `report_sender`: messages, authored words, rewritten senders and first and last date.
/// - `report_thread`: the threads each person wrote in, and whether the message started it (distinct).
/// - `report_reply`: replies by the sender's and the parent's organization.
/// - `report_person_reply`: replies by the sender's and the parent's person (not to oneself).
/// - `report_start`: each thread's first message, with when another person first answered it.
///
/// Each row carries its sender's person and `automated` (1 an automated sender, 0 a person, NULL
/// no sender), so reports filter without joining `participant`. They are sums of stored columns,
/// nothing more: triggers (migration `v20-report-dirty-months`) record in `report_dirty` the months
/// whose rows a write to what they sum changes, and ``SQLiteStore/refreshReportTables()`` rebuilds
/// those months (whole tables when they were never built or most months changed), at the end of
/// every import and before a report on a store it may write. A report never reads stale sums: while any month is dirty, or when
/// its range does not fall on month boundaries, it reads the same rows computed from the messages
/// as common table expressions of the same names (``source(current:since:until:)``), so one SQL
/// text serves both and the figures cannot differ.
enum ReportRollup {
    /// A message's month as the tables key it: `yyyymm` of its date (UTC), NULL when undated.
    static func month(_ column: String) -> String { "CAST(strftime('%Y%m', \(column), 'unixepoch') AS INTEGER)" }

    /// A sender's person and whether it is automated (1), a person (0) or absent (NULL), from its
    /// participant row `p`, which may be missing.
    static func person(_ p: String) -> String { "COALESCE(\(p).person_id, \(p).id)" }
    static func automated(_ p: String) -> String { "CASE WHEN \(p).id IS NULL THEN NULL ELSE \(p).automated IS NOT NULL END" }

    /// When a thread's first message `m` (its sender `p`) was first answered by another person, not
    /// an automated sender: the earliest such message of the thread, at or after it.
    static let firstReply = """
        (SELECT min(x.date) FROM message x JOIN participant xp ON xp.id = x.participant_id
         WHERE x.thread_id = m.thread_id AND x.id != m.id AND x.date >= m.date AND xp.automated IS NULL
           AND COALESCE(xp.person_id, xp.id) IS NOT COALESCE(p.person_id, p.id))
        """

    /// Which messages a table's SELECT reads.
    enum Messages {
        /// All of them: the tables built whole.
        case all
        /// A report's range, `:since` and `:until` (either NULL for open), for a report that
        /// cannot use the stored sums.
        case report
        /// One month's, from `:from` to `:to` (its first second and the next month's), where an
        /// index on the date finds them: the tables rebuilt a month at a time.
        case month
        /// The undated ones (month 0 in `report_dirty`).
        case undated
        /// Those of every month in `report_dirty`, read in one pass over an index that holds
        /// every column the tables sum (faster than finding many months' messages by date, whose
        /// rows hold their texts).
        case dirty

        var condition: String {
            switch self {
            case .all: ""
            case .report: " AND (:since IS NULL OR m.date >= :since) AND (:until IS NULL OR m.date < :until)"
            case .month: " AND m.date >= :from AND m.date < :to"
            case .undated: " AND m.date IS NULL"
            case .dirty: " AND COALESCE(\(ReportRollup.month("m.date")), 0) IN (SELECT month FROM report_dirty)"
            }
        }
    }

    /// Each table's rows as a SELECT over `messages` (its rows keyed by their months: a thread's
    /// start by its root's).
    static func select(_ table: String, _ messages: Messages) -> String {
        let dates = messages.condition
        let sender = "LEFT JOIN participant p ON p.id = m.participant_id"
        let keys = "\(month("m.date")) AS month, m.list_id AS list_id, m.organization_id AS organization_id"
        switch table {
        case "report_sender":
            return """
                SELECT \(keys), m.participant_id AS participant_id, \(person("p")) AS person_id, \(automated("p")) AS automated,
                       count(*) AS messages, sum(m.authored_words) AS words, sum(m.from_rewritten IS NOT NULL) AS rewritten,
                       min(m.date) AS first_date, max(m.date) AS last_date
                FROM message m \(sender) WHERE m.thread_id IS NOT NULL\(dates) GROUP BY 1, 2, 3, 4
                """
        case "report_thread":
            return """
                SELECT DISTINCT \(keys), \(person("p")) AS person_id, \(automated("p")) AS automated, m.thread_id AS thread_id,
                       t.root_id IS m.id AS started
                FROM message m JOIN thread t ON t.id = m.thread_id \(sender) WHERE 1\(dates)
                """
        case "report_reply":
            return """
                SELECT \(keys), \(automated("p")) AS automated, parent.organization_id AS parent_organization_id,
                       \(automated("pp")) AS parent_automated, count(*) AS replies
                FROM message m JOIN message parent ON parent.id = m.parent_id \(sender)
                LEFT JOIN participant pp ON pp.id = parent.participant_id
                WHERE m.thread_id IS NOT NULL\(dates) GROUP BY 1, 2, 3, 4, 5, 6
                """
        case "report_person_reply":
            return """
                SELECT \(keys), \(person("p")) AS person_id, \(automated("p")) AS automated,
                       \(person("pp")) AS parent_person_id, \(automated("pp")) AS parent_automated, count(*) AS replies
                FROM message m JOIN message parent ON parent.id = m.parent_id JOIN participant p ON p.id = m.participant_id
                JOIN participant pp ON pp.id = parent.participant_id
                WHERE m.thread_id IS NOT NULL AND \(person("p")) != \(person("pp"))\(dates) GROUP BY 1, 2, 3, 4, 5, 6, 7
                """
        case "report_start":
            return """
                SELECT m.thread_id AS thread_id, \(keys), \(person("p")) AS person_id, \(automated("p")) AS automated,
                       m.date AS date, \(firstReply) AS first_reply
                FROM message m JOIN thread t ON t.root_id = m.id AND t.id = m.thread_id \(sender) WHERE 1\(dates)
                """
        default:
            preconditionFailure("no report table \(table)")
        }
    }

    static let tables = ["report_sender", "report_thread", "report_reply", "report_person_reply", "report_start"]

    /// What a report's SQL puts before its SELECT: nothing when the stored sums are `current` and
    /// the query's range falls on month boundaries (or is open), else the tables computed from the
    /// messages in its range.
    static func source(current: Bool, since: Int64?, until: Int64?) -> String {
        if current, since.map(isMonthStart) ?? true, until.map(isMonthStart) ?? true { return "" }
        return "WITH " + tables.map { "\($0) AS (\(select($0, .report)))" }.joined(separator: ",\n") + "\n"
    }

    /// The first second of month `yyyymm` (UTC).
    static func start(ofMonth month: Int) -> Int64 {
        let date = calendar.date(from: DateComponents(year: month / 100, month: month % 100, day: 1)) ?? Date(timeIntervalSince1970: 0)
        return Int64(date.timeIntervalSince1970)
    }

    /// The `yyyymm` of the month holding `seconds` (UTC).
    static func month(of seconds: Int64) -> Int {
        let c = calendar.dateComponents([.year, .month], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return (c.year ?? 0) * 100 + (c.month ?? 1)
    }

    /// The first month the range reaches and the first it does not, as the tables key months:
    /// exact for a range on month boundaries, a month wider for one that is not (whose rows then
    /// come from messages already in its range).
    static func months(since: Int64?, until: Int64?) -> (since: Int?, until: Int?) {
        (since.map { month(of: $0) }, until.map { isMonthStart($0) ? month(of: $0) : following(month(of: $0)) })
    }

    /// The month after `yyyymm`.
    static func following(_ month: Int) -> Int { month % 100 == 12 ? (month / 100 + 1) * 100 + 1 : month + 1 }

    static func isMonthStart(_ seconds: Int64) -> Bool {
        let c = calendar.dateComponents([.day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return c.day == 1 && c.hour == 0 && c.minute == 0 && c.second == 0
    }

    private static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()
}
