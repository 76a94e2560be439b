import ListLensAnalysis

/// Flags the participants that are not people (``AutomatedSender``): list addresses, no-reply and
/// mail-system addresses, trackers, CI, review systems, bots. Reports leave their messages out of
/// people and organization counts unless asked for (`orgs --include-bots`).
///
/// It runs after every import over all participants, a page at a time, and writes only the flags
/// that change: the rules apply to stores imported before them, and a change of rules (or a new
/// list, whose address becomes a list address) reaches every participant without a re-import.
public enum AutomatedSenderPass {
    /// Participants read at once.
    public static let pageSize = 5_000
    /// Addresses named in the report, most messages first.
    public static let examples = 3

    public struct Report: Sendable, Equatable, Codable {
        /// Participants flagged as automated senders, and their stored messages.
        public var senders = 0
        public var messages = 0
        /// Flags set or cleared by this run.
        public var changed = 0
        /// The flagged addresses with the most messages (at most ``examples``), with their reason.
        public var busiest: [Sender] = []

        public struct Sender: Sendable, Equatable, Codable {
            public var address: String
            public var reason: AutomatedSender.Reason
            public var messages: Int
        }

        public init() {}
    }

    public static func run(on store: some ParticipantStore) throws -> Report {
        var report = Report()
        let lists = Set(try store.listNames().map { $0.lowercased() })
        var after: Int64 = .min
        while true {
            let page = try store.participantSenders(after: after, limit: pageSize)
            guard let last = page.last else { break }
            after = last.key
            let changes = page.compactMap { p -> (participant: Int64, reason: AutomatedSender.Reason?)? in
                let reason = AutomatedSender.reason(address: p.address, name: p.name, lists: lists)
                return reason == p.automated ? nil : (p.key, reason)
            }
            if !changes.isEmpty { try store.storeAutomatedSenders(changes) }
            report.changed += changes.count
        }
        let flagged = try store.automatedSenderMessages()
        report.senders = flagged.count
        report.messages = flagged.reduce(0) { $0 + $1.messages }
        report.busiest = flagged.prefix(examples).map { Report.Sender(address: $0.address, reason: $0.reason, messages: $0.messages) }
        return report
    }
}
