/// Which messages a report counts: every report takes the same choice.
public struct ReportQuery: Sendable, Equatable {
    /// Only messages that count for this organization (its name as stored: `IBM`, `ibm.com`; case does not matter).
    public var organization: String?
    /// Only messages of this list (`twisted-python`).
    public var list: String?
    /// Messages dated at or after `since` and before `until` (seconds since 1970).
    public var since: Int64?
    public var until: Int64?
    /// Count automated senders (list addresses, trackers, CI, bots) too.
    public var includingAutomated: Bool
    /// Rows per organization and period (`orgs --by`); nil: one row per organization.
    public var by: ReportPeriod?

    public init(organization: String? = nil, list: String? = nil, since: Int64? = nil, until: Int64? = nil,
                includingAutomated: Bool = false, by: ReportPeriod? = nil) {
        self.by = by
        self.organization = organization
        self.list = list
        self.since = since
        self.until = until
        self.includingAutomated = includingAutomated
    }
}
