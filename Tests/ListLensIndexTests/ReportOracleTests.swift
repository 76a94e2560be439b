import Foundation
@testable import ListLensIndex
@testable import ListLensSQLite
import ListLensMail
import ListLensTestSupport
import Testing

/// The organization reports on openbmc, computed again by another path: from `listlens export`'s
/// messages (each with its organization, date and parent), not from the reports' SQL.
@Suite("Organization reports against the export",
       .enabled(if: Fixtures.corpora != nil, "LISTLENS_CORPORA is not set: report checks skipped"))
struct ReportOracleTests {
    @Test("openbmc: the reply matrix and a dated orgs report equal what the export says")
    func openbmc() throws {
        let corpora = URL(fileURLWithPath: Fixtures.corpora!)
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: (1...4).map {
            corpora.appendingPathComponent("openbmc-public-inbox/openbmc-2020-0\($0).mbox.gz").path
        })
        var organization: [String: String] = [:]
        var messages: [ExportedMessage] = []
        try store.forEachExportedMessage { m in
            organization[m.messageID] = m.organization ?? "-"
            messages.append(m)
        }
        // Who replies to whom: every message whose parent is stored, by the two organizations.
        var pairs: [String: Int] = [:]
        for m in messages {
            guard let parent = m.parent, let to = organization[parent] else { continue }
            pairs["\(m.organization ?? "-") → \(to)", default: 0] += 1
        }
        let matrix = try ReplyMatrix.build(store: store, ReportQuery(includingAutomated: true))
        let reported = Dictionary(uniqueKeysWithValues: matrix.cells.map { ("\($0.from ?? "-") → \($0.to ?? "-")", $0.replies) })
        #expect(reported == pairs)
        #expect(pairs.values.reduce(0, +) > 1000, "openbmc's replies")

        // March 2020 only: messages per organization by the export's dates.
        var march: [String: Int] = [:]
        for m in messages where (m.date ?? "").hasPrefix("2020-03") { march[m.organization ?? "-", default: 0] += 1 }
        let period = try #require(CalendarPeriod("2020-03"))
        let orgs = try OrganizationReport.build(store: store, ReportQuery(since: period.start, until: period.end, includingAutomated: true))
        #expect(Dictionary(uniqueKeysWithValues: orgs.rows.map { ($0.organization ?? "-", $0.messages) }) == march)
        #expect(orgs.totalMessages == march.values.reduce(0, +))
        print("openbmc reports: \(pairs.values.reduce(0, +)) replies in \(pairs.count) organization pairs; March 2020: \(orgs.totalMessages) messages from \(march.count) organizations, as the export counts them")
    }
}
