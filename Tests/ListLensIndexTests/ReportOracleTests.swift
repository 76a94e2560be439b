import Foundation
@testable import ListLensIndex
@testable import ListLensSQLite
import GRDB
import ListLensMail
import ListLensText
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

        try checkColumns(store, messages)
    }

    /// CHAOSS's figures per quarter, all lists together, bots left out, from the export: the elephant
    /// factor from messages per organization, the contributor absence factor from messages per person.
    func checkHealth(_ store: SQLiteStore, _ messages: [ExportedMessage], person: [String: Int64], automated: Set<String>,
                     roots: Set<String>, seconds: (ExportedMessage) -> Int64?) throws {
        func quarter(_ m: ExportedMessage) -> String {
            let d = m.date ?? ""
            return "\(d.prefix(4))-Q\(((Int(d.dropFirst(5).prefix(2)) ?? 1) + 2) / 3)"
        }
        let counted = messages.filter { m in m.threadID != nil && !(m.participant.map(automated.contains) ?? false) }
        let byThread = Dictionary(grouping: messages.filter { $0.threadID != nil }, by: { $0.threadID! })
        let health = try HealthReport.build(store: store, ReportQuery(by: .quarter), perList: false, share: 0.5)
        let periods = Dictionary(grouping: counted, by: quarter)
        #expect(health.rows.map(\.period) == periods.keys.sorted())
        for row in health.rows {
            let ms = periods[row.period ?? ""] ?? []
            let byOrg = Dictionary(grouping: ms.filter { $0.organization != nil }, by: { $0.organization! }).values.map(\.count).sorted(by: >)
            let byPerson = Dictionary(grouping: ms, by: { m in m.participant.flatMap { person[$0] } ?? -1 }).values.map(\.count).sorted(by: >)
            func fewest(_ counts: [Int], of total: Int) -> Int? {
                guard total > 0 else { return nil }
                var sum = 0
                for (i, c) in counts.enumerated() { sum += c; if sum * 2 >= total { return i + 1 } }
                return counts.count
            }
            let affiliated = byOrg.reduce(0, +)
            let label = row.period ?? "-"
            #expect(row.messages == ms.count && row.people == byPerson.count && row.organizations == byOrg.count, "\(label)")
            #expect(row.elephantFactor == fewest(byOrg, of: affiliated), "\(label)")
            #expect(row.contributorAbsenceFactor == fewest(byPerson, of: ms.count), "\(label)")
            var delays: [Int64] = [], unanswered = 0
            for m in ms where roots.contains(m.messageID) {
                let mine = m.participant.flatMap { person[$0] }
                let answers = (byThread[m.threadID!] ?? []).filter { x in
                    guard x.messageID != m.messageID, let d = seconds(x), let s = seconds(m), d >= s,
                          let who = x.participant, !automated.contains(who) else { return false }
                    return person[who] != mine
                }.compactMap(seconds)
                if let first = answers.min(), let s = seconds(m) { delays.append(first - s) } else { unanswered += 1 }
            }
            #expect(row.unansweredThreads == unanswered && row.threadsStarted == delays.count + unanswered, "\(label)")
            let sorted = delays.sorted()
            let middle: Int64? = sorted.isEmpty ? nil : sorted.count % 2 == 1 ? sorted[sorted.count / 2]
                : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            #expect(row.medianFirstResponseSeconds.map(Int64.init) == middle, "\(label)")
        }
        print("openbmc health by quarter: " + health.rows.map { "\($0.period ?? "-") elephant \($0.elephantFactor ?? 0), absence \($0.contributorAbsenceFactor ?? 0)" }.joined(separator: "; "))
    }

    /// Every column of `orgs` (bots counted), and the quarters of `--by quarter`, computed from the
    /// export: words by a regular expression over each message's authored text, threads by their
    /// start (the earliest message of each), first replies by date. Persons and
    /// automated flags are read from the store's participant table.
    func checkColumns(_ store: SQLiteStore, _ messages: [ExportedMessage]) throws {
        let flags = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT key, COALESCE(person_id, id), automated IS NOT NULL FROM participant")
        }
        let person = Dictionary(uniqueKeysWithValues: flags.map { ($0[0] as String, $0[1] as Int64) })
        let automated = Set(flags.filter { $0[2] as Bool }.map { $0[0] as String })
        let word = try NSRegularExpression(pattern: "[\\p{Ideographic}\\p{Hiragana}\\p{Katakana}]|[[\\p{L}\\p{M}\\p{N}]--[\\p{Ideographic}\\p{Hiragana}\\p{Katakana}]]+")
        let iso = ISO8601DateFormatter()
        func seconds(_ m: ExportedMessage) -> Int64? { m.date.flatMap { iso.date(from: $0) }.map { Int64($0.timeIntervalSince1970) } }
        let byID = Dictionary(messages.map { ($0.messageID, $0) }, uniquingKeysWith: { a, _ in a })
        let byThread = Dictionary(grouping: messages.filter { $0.threadID != nil }, by: { $0.threadID! })
        // A thread's start is its earliest message (its root, or the first of the replies whose root is not stored).
        var roots = Set<String>()
        for (_, members) in byThread {
            if let first = members.min(by: { (seconds($0) ?? .max) < (seconds($1) ?? .max) }) { roots.insert(first.messageID) }
        }

        struct Figures: Equatable {
            var messages = 0, words = 0, started = 0, unanswered = 0, given = 0, received = 0
            var people = Set<Int64>(), joined = Set<String>(), delays: [Int64] = []
        }
        func quarter(_ m: ExportedMessage) -> String {
            let d = m.date ?? ""
            let month = Int(d.dropFirst(5).prefix(2)) ?? 1
            return "\(d.prefix(4))-Q\((month + 2) / 3)"
        }
        func figures(periodOf: (ExportedMessage) -> String?) -> [String: Figures] {
            var out: [String: Figures] = [:]
            func key(_ m: ExportedMessage) -> String { "\(periodOf(m) ?? "")|\(m.organization ?? "-")" }
            for m in messages where m.threadID != nil {
                var f = out[key(m)] ?? Figures()
                f.messages += 1
                let text = m.authoredText
                f.words += word.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
                if let p = m.participant.flatMap({ person[$0] }) { f.people.insert(p) }
                if roots.contains(m.messageID) {
                    f.started += 1
                    let mine = m.participant.flatMap { person[$0] }
                    let date = seconds(m)
                    let answers = (byThread[m.threadID!] ?? []).filter { x in
                        guard x.messageID != m.messageID, let d = seconds(x), let start = date, d >= start,
                              let who = x.participant, !automated.contains(who) else { return false }
                        return person[who] != mine
                    }.compactMap(seconds)
                    if let first = answers.min(), let start = date { f.delays.append(first - start) } else { f.unanswered += 1 }
                } else {
                    f.joined.insert(m.threadID!)
                }
                out[key(m)] = f
                if let parentID = m.parent, let parent = byID[parentID], parent.organization != m.organization {
                    out[key(m)]!.given += 1
                    let theirs = "\(periodOf(m) ?? "")|\(parent.organization ?? "-")"
                    out[theirs, default: Figures()].received += 1
                }
            }
            return out
        }
        for (by, periodOf) in [(nil, { (_: ExportedMessage) -> String? in nil }), (ReportPeriod.quarter, quarter)] as [(ReportPeriod?, (ExportedMessage) -> String?)] {
            let expected = figures(periodOf: periodOf)
            let report = try OrganizationReport.build(store: store, ReportQuery(includingAutomated: true, by: by))
            #expect(report.rows.count == expected.values.filter { $0.messages > 0 }.count)
            for row in report.rows {
                let f = try #require(expected["\(row.period ?? "")|\(row.organization ?? "-")"], "\(row.period ?? "") \(row.organization ?? "-")")
                let label = "\(row.period ?? "all") \(row.organization ?? "(unaffiliated)")"
                #expect(row.messages == f.messages && row.words == f.words && row.people == f.people.count, "\(label)")
                #expect(row.threadsStarted == f.started && row.threadsJoined == f.joined.count && row.unanswered == f.unanswered, "\(label)")
                #expect(row.repliesGiven == f.given && row.repliesReceived == f.received, "\(label)")
                let median = f.delays.sorted()
                let middle: Int64? = median.isEmpty ? nil : median.count % 2 == 1 ? median[median.count / 2]
                    : (median[median.count / 2 - 1] + median[median.count / 2]) / 2
                #expect(row.medianFirstReplySeconds.map(Int64.init) == middle, "\(label)")
            }
        }
        try checkHealth(store, messages, person: person, automated: automated, roots: roots, seconds: seconds)
        let all = try OrganizationReport.build(store: store, ReportQuery(includingAutomated: true))
        print("openbmc orgs columns as the export computes them: \(all.rows.count) organizations, \(all.rows.reduce(0) { $0 + $1.words }.grouped) words, "
              + "\(all.rows.reduce(0) { $0 + $1.threadsStarted }) threads, \(all.rows.reduce(0) { $0 + $1.unanswered }) unanswered")
    }
}
