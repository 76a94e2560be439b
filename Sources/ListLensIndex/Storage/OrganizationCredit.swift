/// Which organization one participant's messages count for: `periods` by the message's date (the
/// first that holds it), `organization` outside them and for the participant itself.
public struct OrganizationCredit: Sendable, Equatable {
    public struct Period: Sendable, Equatable {
        /// First second covered, and first second after (nil: open).
        public var from: Int64?
        public var until: Int64?
        /// Nil for a period without one (Stackalytics' `*independent`).
        public var organization: String?

        public init(from: Int64?, until: Int64?, organization: String?) {
            self.from = from
            self.until = until
            self.organization = organization
        }

        public func contains(_ date: Int64) -> Bool {
            (from.map { date >= $0 } ?? true) && (until.map { date < $0 } ?? true)
        }
    }

    public var participant: Int64
    public var organization: String?
    public var periods: [Period]

    public init(participant: Int64, organization: String?, periods: [Period] = []) {
        self.participant = participant
        self.organization = organization
        self.periods = periods
    }

    /// The organization of a message of this participant sent at `date` (nil: no date).
    public func organization(at date: Int64?) -> String? {
        guard let date, let p = periods.first(where: { $0.contains(date) }) else { return organization }
        return p.organization
    }
}
