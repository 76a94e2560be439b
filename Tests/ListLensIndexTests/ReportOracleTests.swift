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

        try Self.checkColumns(store, messages, archive: "openbmc", modes: [true])
    }

    /// On the twisted-python store `CorpusTests` imports (one import of the 248 months serves both):
    /// every column with its automated senders left out, as `listlens orgs` counts by default, and
    /// with them counted.
    static func checkTwisted(_ store: SQLiteStore) throws {
        var messages: [ExportedMessage] = []
        try store.forEachExportedMessage { messages.append($0) }
        try checkColumns(store, messages, archive: "twisted-python", modes: [false, true])
    }

    /// The quarter of a message's date as the export writes it (UTC), `undated` without one.
    static func quarter(_ m: ExportedMessage) -> String {
        guard let d = m.date else { return ReportPeriod.undated }
        return "\(d.prefix(4))-Q\(((Int(d.dropFirst(5).prefix(2)) ?? 1) + 2) / 3)"
    }

    /// CHAOSS's figures per quarter, all lists together, bots left out, from the export: the elephant
    /// factor from messages per organization, the contributor absence factor from messages per person.
    static func checkHealth(_ store: SQLiteStore, _ messages: [ExportedMessage], archive: String, person: [String: Int64],
                            automated: Set<String>, firstAnswer: [Int: Int64?]) throws {
        let counted = messages.indices.filter { i in messages[i].threadID != nil && !(messages[i].participant.map(automated.contains) ?? false) }
        let health = try HealthReport.build(store: store, ReportQuery(by: .quarter), perList: false, share: 0.5)
        let periods = Dictionary(grouping: counted, by: { quarter(messages[$0]) })
        #expect(health.rows.map(\.period) == periods.keys.sorted())
        for row in health.rows {
            let indices = periods[row.period ?? ""] ?? []
            let ms = indices.map { messages[$0] }
            let byOrg = Dictionary(grouping: ms.filter { $0.organization != nil }, by: { $0.organization! }).values.map(\.count).sorted(by: >)
            let byPerson = Dictionary(grouping: ms, by: { m in m.participant.flatMap { person[$0] } ?? -1 }).values.map(\.count).sorted(by: >)
            func fewest(_ counts: [Int], of total: Int) -> Int? {
                guard total > 0 else { return nil }
                var sum = 0
                for (i, c) in counts.enumerated() { sum += c; if sum * 2 >= total { return i + 1 } }
                return counts.count
            }
            let affiliated = byOrg.reduce(0, +)
            let label = "\(archive) \(row.period ?? "-")"
            #expect(row.messages == ms.count && row.people == byPerson.count && row.organizations == byOrg.count, "\(label)")
            #expect(row.elephantFactor == fewest(byOrg, of: affiliated), "\(label)")
            #expect(row.contributorAbsenceFactor == fewest(byPerson, of: ms.count), "\(label)")
            var delays: [Int64] = [], unanswered = 0
            for i in indices {
                guard let answer = firstAnswer[i] else { continue }   // not a thread's root
                if let delay = answer { delays.append(delay) } else { unanswered += 1 }
            }
            #expect(row.unansweredThreads == unanswered && row.threadsStarted == delays.count + unanswered, "\(label)")
            #expect(row.medianFirstResponseSeconds.map(Int64.init) == median(delays), "\(label)")
        }
        print("\(archive) health by quarter, as the export computes it: \(health.rows.count) quarters, elephant factor "
              + "\(health.rows.compactMap(\.elephantFactor).max() ?? 0) at most, contributor absence factor \(health.rows.compactMap(\.contributorAbsenceFactor).max() ?? 0) at most")
    }

    /// The middle value, or the mean of the two middle ones (rounded down), as reports give medians.
    static func median(_ values: [Int64]) -> Int64? {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return nil }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// Every column of `orgs`, and the quarters of `--by quarter`, computed from the export: words by
    /// a regular expression over each message's authored text, threads by their start (the earliest
    /// message without a stored parent in each), first replies by date. Persons and automated
    /// flags are read from the store's participant table. `modes` says whether automated senders
    /// count: without them, their messages are not counted, and neither are replies to them (they
    /// answer nothing either way: a first reply never comes from them).
    static func checkColumns(_ store: SQLiteStore, _ messages: [ExportedMessage], archive: String, modes: [Bool]) throws {
        let flags = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT key, COALESCE(person_id, id), automated IS NOT NULL FROM participant")
        }
        let person = Dictionary(uniqueKeysWithValues: flags.map { ($0[0] as String, $0[1] as Int64) })
        let automated = Set(flags.filter { $0[2] as Bool }.map { $0[0] as String })
        func isAutomated(_ m: ExportedMessage) -> Bool { m.participant.map(automated.contains) ?? false }
        // Each message's words and date, once, by its place in `messages` (a Message-ID may be
        // stored twice: an imposter beside the message it pretends to be).
        let word = try NSRegularExpression(pattern: "[\\p{Ideographic}\\p{Hiragana}\\p{Katakana}]|[[\\p{L}\\p{M}\\p{N}]--[\\p{Ideographic}\\p{Hiragana}\\p{Katakana}]]+")
        let iso = ISO8601DateFormatter()
        let words = messages.map { m in m.threadID == nil ? 0 : word.numberOfMatches(in: m.authoredText, range: NSRange(m.authoredText.startIndex..., in: m.authoredText)) }
        let date = messages.map { m in m.date.flatMap { iso.date(from: $0) }.map { Int64($0.timeIntervalSince1970) } }
        let byID = Dictionary(messages.map { ($0.messageID, $0) }, uniquingKeysWith: { a, _ in a })
        let byThread = Dictionary(grouping: messages.indices.filter { messages[$0].threadID != nil }, by: { messages[$0].threadID! })
        // A thread's start is its root: its message without a stored parent, the earliest of them
        // where several replies to a message that is not stored share the thread. Its first answer:
        // the earliest later message of its thread from another person, not an automated sender.
        var firstAnswer: [Int: Int64?] = [:]
        for (_, members) in byThread {
            let tops = members.filter { i in messages[i].parent.map { byID[$0] == nil } ?? true }
            guard let root = tops.min(by: { (date[$0] ?? .max) < (date[$1] ?? .max) }) else { continue }
            let mine = messages[root].participant.flatMap { person[$0] }
            let start = date[root]
            let answers = members.compactMap { x -> Int64? in
                guard x != root, let d = date[x], let start, d >= start, let who = messages[x].participant,
                      !automated.contains(who), person[who] != mine else { return nil }
                return d
            }
            // updateValue: assigning a nil delay through the subscript would remove the root.
            firstAnswer.updateValue(answers.min().flatMap { first in start.map { first - $0 } }, forKey: root)
        }

        struct Figures: Equatable {
            var messages = 0, words = 0, started = 0, unanswered = 0, given = 0, received = 0
            var people = Set<Int64>(), joined = Set<String>(), delays: [Int64] = []
        }
        for includingAutomated in modes {
            var expected: [ReportPeriod?: [String: Figures]] = [nil: [:], .quarter: [:]]
            for (i, m) in messages.enumerated() where m.threadID != nil && (includingAutomated || !isAutomated(m)) {
                for by in [nil, ReportPeriod.quarter] {
                    let period = by == nil ? "" : quarter(m)
                    let key = "\(period)|\(m.organization ?? "-")"
                    var f = expected[by]![key] ?? Figures()
                    f.messages += 1
                    f.words += words[i]
                    if let p = m.participant.flatMap({ person[$0] }) { f.people.insert(p) }
                    if let answer = firstAnswer[i] {
                        f.started += 1
                        if let delay = answer { f.delays.append(delay) } else { f.unanswered += 1 }
                    } else {
                        f.joined.insert(m.threadID!)
                    }
                    if let parentID = m.parent, let parent = byID[parentID], parent.organization != m.organization,
                       includingAutomated || !isAutomated(parent) {
                        f.given += 1
                        expected[by]!["\(period)|\(parent.organization ?? "-")", default: Figures()].received += 1
                    }
                    expected[by]![key] = f
                }
            }
            for by in [nil, ReportPeriod.quarter] {
                let report = try OrganizationReport.build(store: store, ReportQuery(includingAutomated: includingAutomated, by: by))
                #expect(report.rows.count == expected[by]!.values.filter { $0.messages > 0 }.count, "\(archive)")
                for row in report.rows {
                    let label = "\(archive) \(row.period ?? "all") \(row.organization ?? "(unaffiliated)")"
                    guard let f = expected[by]!["\(row.period ?? "")|\(row.organization ?? "-")"] else {
                        Issue.record("\(label): a row the export does not give")
                        continue
                    }
                    #expect(row.messages == f.messages && row.words == f.words && row.people == f.people.count, "\(label)")
                    #expect(row.threadsStarted == f.started && row.threadsJoined == f.joined.count && row.unanswered == f.unanswered, "\(label)")
                    #expect(row.repliesGiven == f.given && row.repliesReceived == f.received, "\(label)")
                    #expect(row.medianFirstReplySeconds.map(Int64.init) == median(f.delays), "\(label)")
                }
                if by == nil {
                    print("\(archive) orgs columns as the export computes them (automated senders \(includingAutomated ? "counted" : "left out")): "
                          + "\(report.rows.count) organizations, \(report.totalMessages.grouped) messages, "
                          + "\(report.rows.reduce(0) { $0 + $1.words }.grouped) words, \(report.rows.reduce(0) { $0 + $1.threadsStarted }) threads, "
                          + "\(report.rows.reduce(0) { $0 + $1.unanswered }) unanswered")
                }
            }
        }
        try checkHealth(store, messages, archive: archive, person: person, automated: automated, firstAnswer: firstAnswer)
    }
}
