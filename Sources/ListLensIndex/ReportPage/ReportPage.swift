import ListLensMail
import ListLensText

/// `listlens report --html`: one self-contained page (no script, nothing fetched: its
/// Content-Security-Policy forbids it) with the organization report, its charts drawn as inline
/// SVG, and the people, reply and health figures behind them. Every number on it comes from the
/// same library calls as `orgs`, `people`, `orgs --matrix` and `health`.
public enum ReportPage {
    /// Organizations drawn by name in the charts; the rest are summed as "other organizations".
    public static let chartedOrganizations = 8
    /// People in the participants chart, and organizations in the reply heat map.
    public static let chartedPeople = 15
    public static let matrixOrganizations = 10

    /// The period the charts use: months for under a year and a half of mail, quarters for up to
    /// six years, years beyond.
    public static func period(first: String?, last: String?) -> ReportPeriod {
        guard let a = first.flatMap({ Int($0.prefix(4)) }), let b = last.flatMap({ Int($0.prefix(4)) }),
              let ma = first.flatMap({ Int($0.dropFirst(5).prefix(2)) }), let mb = last.flatMap({ Int($0.dropFirst(5).prefix(2)) }) else { return .month }
        let months = (b - a) * 12 + (mb - ma)
        return months < 18 ? .month : months < 72 ? .quarter : .year
    }

    public static func build(store: any ReportProducing, _ query: ReportQuery, title: String) throws -> String {
        // The page reads what it draws: a light count per period for the involvement chart and the
        // top people only (the whole people report cost it more than the organizations one).
        let orgs = try store.organizationReport(query)
        // The first and last counted message are the organizations' (dates in RFC 3339, UTC, with
        // four-digit years, so they order as text).
        let first = orgs.rows.compactMap(\.firstMessage).min(), last = orgs.rows.compactMap(\.lastMessage).max()
        var timed = query
        timed.by = query.by ?? period(first: first, last: last)
        let periods = try store.periodMessages(timed)
        let people = try store.topPeople(query, limit: chartedPeople)
        let matrix = try store.replyMatrix(query)
        let health = try store.healthReport(timed, perList: false, share: 0.5)

        var body: [HTMLNode] = [
            .el("h1", text: title),
            .el("p", ["class": "lead"], text: "\(orgs.totalMessages.counted("message")) counted, \((first ?? "").prefix(10)) to \((last ?? "").prefix(10)); "
                    + "\(orgs.rows.filter { $0.organization != nil }.count.counted("organization")), \(people.persons.counted("person", plural: "people")). "
                    + "Made by listlens report: every figure is as listlens orgs, people, orgs --matrix and health give it."),
        ]
        body += coverage(orgs)
        body += involvement(orgs: orgs, byPeriod: periods, period: timed.by!)
        body += organizationsTable(orgs)
        body += topPeople(people)
        body += replyMatrix(matrix, orgs: orgs)
        body += firstResponse(health, period: timed.by!)

        let page = HTMLNode.el("html", ["lang": "en"], [
            .el("head", [:], [
                .el("meta", ["charset": "utf-8"]),
                .el("meta", ["http-equiv": "Content-Security-Policy", "content": "default-src 'none'; style-src 'unsafe-inline'"]),
                .el("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"]),
                .el("title", text: title),
                .el("style", text: css),
            ]),
            .el("body", [:], body),
        ])
        return "<!DOCTYPE html>\n" + page.rendered + "\n"
    }

    static func section(_ id: String, _ heading: String, _ note: String, _ content: [HTMLNode]) -> [HTMLNode] {
        [.el("section", ["id": id], [.el("h2", text: heading), .el("p", ["class": "note"], text: note)] + content)]
    }

    static func coverage(_ orgs: OrganizationReport) -> [HTMLNode] {
        let unaffiliated = orgs.rows.filter { $0.organization == nil }.reduce(0) { $0 + $1.messages }
        let affiliated = orgs.totalMessages - unaffiliated
        return section("coverage-section", "Coverage", orgs.coverage + (orgs.leftOut.messages > 0
                ? "; left out: \(orgs.leftOut.messages.counted("message")) from \(orgs.leftOut.senders.counted("automated sender"))" : ""), [
            SVGChart.parts(id: "coverage", items: [("organizations", affiliated), ("no organization", unaffiliated),
                                                    ("automated senders (left out)", orgs.leftOut.messages)]),
        ])
    }

    static func involvement(orgs: OrganizationReport, byPeriod: [PeriodMessages], period: ReportPeriod) -> [HTMLNode] {
        let named = orgs.rows.compactMap(\.organization).prefix(chartedOrganizations)
        // Every period from the first to the last, quiet ones too; undated messages are in the
        // tables, not on a time axis.
        let periods = period.filled(byPeriod.compactMap(\.period))
        let index = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($1, $0) })
        var series: [(name: String, values: [Int])] = named.map { ($0, Array(repeating: 0, count: periods.count)) }
        var other = Array(repeating: 0, count: periods.count), none = Array(repeating: 0, count: periods.count)
        let position = Dictionary(uniqueKeysWithValues: named.enumerated().map { ($1, $0) })
        for r in byPeriod {
            guard let p = r.period, let i = index[p] else { continue }
            if let o = r.organization, let k = position[o] { series[k].values[i] += r.messages }
            else if r.organization != nil { other[i] += r.messages }
            else { none[i] += r.messages }
        }
        if other.contains(where: { $0 > 0 }) { series.append(("other organizations", other)) }
        series.append(("no organization", none))
        return section("involvement-section", "Involvement over time",
                       "Messages per \(period.rawValue), by the organization each counts for (the \(named.count) largest by name).",
                       [SVGChart.stackedBars(id: "involvement", periods: periods, series: series)])
    }

    static func organizationsTable(_ orgs: OrganizationReport) -> [HTMLNode] {
        let headers = ["organization", "messages", "share", "words", "people", "threads started", "threads joined", "replies out",
                       "replies in", "median first reply", "unanswered", "first", "last"]
        let rows: [HTMLNode] = orgs.rows.prefix(30).map { r in
            let cells = [r.organization ?? "(unaffiliated)", r.messages.grouped, r.share.percent, r.words.grouped, String(r.people),
                         String(r.threadsStarted), String(r.threadsJoined), String(r.repliesGiven), String(r.repliesReceived),
                         r.medianFirstReplySeconds.map(hours) ?? "-", String(r.unanswered),
                         String((r.firstMessage ?? "").prefix(10)), String((r.lastMessage ?? "").prefix(10))]
            return .el("tr", ["data-organization": r.organization ?? "", "data-messages": String(r.messages), "data-people": String(r.people)],
                       cells.map { .el("td", text: $0) })
        }
        let shown = min(orgs.rows.count, 30)
        return section("organizations-section", "Organizations",
                       "The \(shown) largest of \(orgs.rows.count) rows; listlens orgs --limit 0 lists all.", [
            .el("table", ["id": "organizations"], [
                .el("thead", [:], [.el("tr", [:], headers.map { .el("th", text: $0) })]),
                .el("tbody", [:], rows),
            ]),
        ])
    }

    static func topPeople(_ people: TopPeople) -> [HTMLNode] {
        let top = people.top.prefix(chartedPeople).map { r in
            (label: (r.name ?? r.key) + (r.organization.map { " (\($0))" } ?? ""), value: r.messages)
        }
        return section("people-section", "Top participants", "Messages of the \(top.count) most active people (persons: docs/participants.md).",
                       [SVGChart.horizontalBars(id: "people", items: Array(top))])
    }

    static func replyMatrix(_ matrix: ReplyMatrix, orgs: OrganizationReport) -> [HTMLNode] {
        let names = orgs.rows.prefix(matrixOrganizations).map { $0.organization ?? "(unaffiliated)" }
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let cells = matrix.cells.compactMap { c -> (from: Int, to: Int, replies: Int, share: Double)? in
            guard let f = index[c.from ?? "(unaffiliated)"], let t = index[c.to ?? "(unaffiliated)"] else { return nil }
            return (f, t, c.replies, c.share)
        }
        return section("matrix-section", "Who replies to whom",
                       "Replies from the row's organization to the column's, darker for a larger share of the row's replies (the \(names.count) largest).",
                       [SVGChart.heatMap(id: "matrix", names: names, cells: cells)])
    }

    static func firstResponse(_ health: HealthReport, period: ReportPeriod) -> [HTMLNode] {
        var median: [String: Int] = [:]
        for r in health.rows { if let p = r.period, let m = r.medianFirstResponseSeconds { median[p] = m } }
        let periods = period.filled(health.rows.compactMap(\.period))
        let values = periods.map { median[$0].map { Double($0) / 3_600 } }
        let rows: [HTMLNode] = health.rows.map { r in
            .el("tr", ["data-period": r.period ?? ""], [
                r.period ?? "", String(r.threadsStarted), r.medianFirstResponseSeconds.map(hours) ?? "-", String(r.unansweredThreads),
                r.elephantFactor.map(String.init) ?? "-", r.contributorAbsenceFactor.map(String.init) ?? "-",
            ].map { .el("td", text: $0) })
        }
        return section("response-section", "Time to first response",
                       "Median hours per \(period.rawValue) until another person first answered a new thread (automated senders left out), with CHAOSS's factors at 50%.", [
            SVGChart.line(id: "response", periods: periods, values: values, unit: "hours"),
            .el("table", ["id": "health"], [
                .el("thead", [:], [.el("tr", [:], ["period", "threads", "median first response", "unanswered", "elephant factor",
                                                   "contributor absence factor"].map { .el("th", text: $0) })]),
                .el("tbody", [:], rows),
            ]),
        ])
    }

    static func hours(_ seconds: Int) -> String { SVGChart.fixed(Double(seconds) / 3_600) + " h" }

    static let css = """
        body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:980px;color:#222;padding:0 1em}
        h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}
        .lead,.note{color:#555}.chart{width:100%;height:auto;display:block}.chart.square{max-width:620px}
        .tick,.label,.value,.cell{font-size:11px;fill:#333}.cell.light{fill:#fff}
        table{border-collapse:collapse;font-size:12px;width:100%}td,th{padding:3px 6px;border-bottom:1px solid #eee;text-align:right}
        td:first-child,th:first-child{text-align:left}.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3em 1.2em;font-size:12px}
        .swatch{display:inline-block;width:10px;height:10px;margin-right:4px}
        """
}
