import ArgumentParser
import Foundation
import ListLensIndex
import ListLensText

struct TopicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "Report what a list talks about: topics with their messages, threads, people and the organizations most involved.",
        discussion: """
            A topic is a subject tag of a thread ([nova], [LCOO]; patch markers such as \
            [PATCH v2 3/7] and [RFC], and the list's own name, are not topics) or one of its key \
            phrases: the one-, two- and three-word phrases its people wrote most that few other \
            threads hold (TF-IDF over threads, from what they wrote, not what they quoted; \
            stopwords of English, French, German, Spanish, Dutch, Italian and Portuguese left out). \
            A message counts for every topic of its thread. Messages from automated senders are \
            left out unless --include-bots is given. Topics are found after each import; search \
            them with topic: (docs/search.md).

            Columns: messages, threads and people of the threads holding the topic, the \
            organizations with most of those messages, first and last message.

            Example:
              listlens topics --limit 15
              listlens topics --org IBM
              listlens topics --since 2020-01 --until 2020-06 --list openbmc
              listlens topics --by year --limit 5
              listlens topics --format csv > topics.csv
              listlens search 'topic:"connection pool"'
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var report: ReportOptions

    @Option(help: ArgumentHelp("Count only the messages of this organization (its name as orgs lists it): what it talks about.", valueName: "org"))
    var org: String?

    @Option(help: ArgumentHelp("The topics of each month, quarter or year (UTC), --limit of each.", valueName: "period"))
    var by: ReportPeriod?

    func validate() throws {
        try report.refuseHTML("topics")
    }

    func run() throws {
        let store = try database.openForReport()
        var query = report.query(organization: try org.map { try database.affiliationsFile().organizationName($0) })
        query.by = by
        let topics = try store.topicReport(query, first: report.first)
        if topics.threadsPending > 0 {
            Terminal.err("listlens: the topics of \(topics.threadsPending.counted("thread")) are not found yet; the next listlens import finds them")
        }
        switch report.format {
        case .json:
            Terminal.out(try JSONOutput.encode(topics.rows))
        case .csv:
            let table = Table(headers: TopicReport.Row.columns, rows: topics.rows.map(\.cells))
            for line in table.renderCSV() { Terminal.out(line) }
        case .table, .html:   // validate() refuses html
            if topics.rows.isEmpty {
                Terminal.out("no topics in the messages chosen" + (org.map { " (is \"\($0.printable)\" an organization as listlens orgs names it?)" } ?? ""))
                return
            }
            let grouped = by != nil
            let table = Table(
                headers: (grouped ? ["period"] : []) + ["topic", "kind", "messages", "threads", "people", "organizations", "first", "last"],
                rows: topics.rows.map { r in
                    (grouped ? [r.period ?? ""] : []) + [
                        r.kind == "tag" ? "[\(r.topic)]" : r.topic, r.kind, r.messages.grouped, r.threads.grouped, r.people.grouped,
                        r.organizations.map { "\($0.name) \($0.messages.grouped)" }.joined(separator: ", "),
                        String((r.firstMessage ?? "").prefix(10)), String((r.lastMessage ?? "").prefix(10))]
                },
                rightAligned: Set([2, 3, 4].map { $0 + (grouped ? 1 : 0) }))
            for line in table.renderText() { Terminal.text(line) }
            if topics.rows.count < topics.topics {
                Terminal.out("… \(topics.topics - topics.rows.count) more topics (--limit 0 shows all)")
            }
        }
    }
}
