/// Community health figures as CHAOSS defines them (chaoss.community metrics), per list and period
/// (`listlens health`): organizational diversity, the elephant factor, the contributor absence
/// factor, time to first response and unanswered threads. docs/organizations.md says how each is
/// counted here.
public struct HealthReport: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        /// The list, or nil for all lists together; the period (`2020-03`, `2020-Q1`, `2020`) or nil for all time.
        public var list: String?
        public var period: String?
        public var messages: Int
        public var people: Int
        /// Organizational diversity: organizations with messages, and the share of messages that count for one.
        public var organizations: Int
        public var affiliatedShare: Double
        /// The fewest organizations whose messages make up `share` of the affiliated messages (nil: none).
        public var elephantFactor: Int?
        /// The fewest people whose messages make up `share` of all messages (nil: none).
        public var contributorAbsenceFactor: Int?
        /// Threads started, the median time until another person (not an automated sender) first
        /// answered (seconds; nil when none was), and those no other person answered.
        public var threadsStarted: Int
        public var medianFirstResponseSeconds: Int?
        public var unansweredThreads: Int

        public init(list: String?, period: String?, messages: Int, people: Int, organizations: Int, affiliatedShare: Double,
                    elephantFactor: Int?, contributorAbsenceFactor: Int?, threadsStarted: Int,
                    medianFirstResponseSeconds: Int?, unansweredThreads: Int) {
            self.list = list
            self.period = period
            self.messages = messages
            self.people = people
            self.organizations = organizations
            self.affiliatedShare = affiliatedShare
            self.elephantFactor = elephantFactor
            self.contributorAbsenceFactor = contributorAbsenceFactor
            self.threadsStarted = threadsStarted
            self.medianFirstResponseSeconds = medianFirstResponseSeconds
            self.unansweredThreads = unansweredThreads
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case list, period, messages, people, organizations, affiliatedShare = "affiliated_share",
                 elephantFactor = "elephant_factor", contributorAbsenceFactor = "contributor_absence_factor",
                 threadsStarted = "threads_started", medianFirstResponseSeconds = "median_first_response_seconds",
                 unansweredThreads = "unanswered_threads"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(list, forKey: .list)
            try c.encode(period, forKey: .period)
            try c.encode(messages, forKey: .messages)
            try c.encode(people, forKey: .people)
            try c.encode(organizations, forKey: .organizations)
            try c.encode(affiliatedShare, forKey: .affiliatedShare)
            try c.encode(elephantFactor, forKey: .elephantFactor)
            try c.encode(contributorAbsenceFactor, forKey: .contributorAbsenceFactor)
            try c.encode(threadsStarted, forKey: .threadsStarted)
            try c.encode(medianFirstResponseSeconds, forKey: .medianFirstResponseSeconds)
            try c.encode(unansweredThreads, forKey: .unansweredThreads)
        }

        public var cells: [String] {
            [list ?? "", period ?? "", String(messages), String(people), String(organizations), String(affiliatedShare),
             elephantFactor.map(String.init) ?? "", contributorAbsenceFactor.map(String.init) ?? "", String(threadsStarted),
             medianFirstResponseSeconds.map(String.init) ?? "", String(unansweredThreads)]
        }

        public static var columns: [String] { CodingKeys.allCases.map(\.stringValue) }
    }

    /// By list (nil last), then period.
    public var rows: [Row]
    /// The part of the contributions the two factors count to, 0 to 1 (CHAOSS's parameter; 0.5 by default).
    public var share: Double

    public init(rows: [Row], share: Double) {
        self.rows = rows
        self.share = share
    }

    /// The fewest of `counts` (largest first) that together reach `share` of `total`; nil when total is 0.
    public static func factor(_ counts: [Int], share: Double, of total: Int) -> Int? {
        guard total > 0 else { return nil }
        let goal = Double(total) * share
        var sum = 0
        for (i, c) in counts.sorted(by: >).enumerated() {
            sum += c
            if Double(sum) >= goal { return i + 1 }
        }
        return counts.count
    }

    /// `perList` false counts all lists together (one row per period).
    public static func build(store: any ReportProducing, _ query: ReportQuery = ReportQuery(), perList: Bool = true,
                             share: Double = 0.5) throws -> HealthReport {
        try store.healthReport(query, perList: perList, share: share)
    }
}
