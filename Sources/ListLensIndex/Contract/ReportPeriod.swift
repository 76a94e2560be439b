/// The stretch of time a report's rows are grouped by (`orgs --by month`): each row then holds one
/// organization in one period, named `2020-03`, `2020-Q1` or `2020` (UTC). Messages without a date
/// fall in the period named ``undated``, which sorts after every dated one.
public enum ReportPeriod: String, Sendable, Equatable, CaseIterable, Codable {
    case month, quarter, year

    /// The period of the messages whose date is unknown.
    public static let undated = "undated"
}

extension ReportPeriod {
    /// The most periods ``filled(_:)`` lays out; a wider span keeps only the periods given.
    public static let maximumFilled = 5_000

    /// Every period from the earliest of `names` to the latest, in order, those without messages
    /// included, so a chart's time axis has no silent gaps (`2020-04`, `2020-05`, …). Names not of
    /// this period's form (``undated``) are left out.
    public func filled(_ names: [String]) -> [String] {
        let parsed = names.compactMap(index(of:)).sorted()
        guard let first = parsed.first, let last = parsed.last else { return [] }
        guard last - first < Self.maximumFilled else { return Array(Set(names.filter { index(of: $0) != nil })).sorted() }
        return (first...last).map(name(of:))
    }

    /// A period's place on a line of periods (months, quarters or years since year 0), or nil.
    func index(of name: String) -> Int? {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard let year = parts.first.flatMap({ Int($0) }), parts[0].count == 4 else { return nil }
        switch (self, parts.count) {
        case (.year, 1): return year
        case (.month, 2): return Int(parts[1]).flatMap { (1...12).contains($0) && parts[1].count == 2 ? year * 12 + $0 - 1 : nil }
        case (.quarter, 2):
            guard parts[1].hasPrefix("Q"), let q = Int(parts[1].dropFirst()), (1...4).contains(q) else { return nil }
            return year * 4 + q - 1
        default: return nil
        }
    }

    func name(of index: Int) -> String {
        func four(_ y: Int) -> String { String(repeating: "0", count: max(0, 4 - String(y).count)) + String(y) }
        switch self {
        case .year: return four(index)
        case .month: return four(index / 12) + "-" + (index % 12 + 1 < 10 ? "0" : "") + String(index % 12 + 1)
        case .quarter: return four(index / 4) + "-Q" + String(index % 4 + 1)
        }
    }
}
