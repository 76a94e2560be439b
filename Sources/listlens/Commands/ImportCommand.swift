import ArgumentParser
import Foundation
import ListLensIndex
import ListLensMail
import ListLensText

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import mail archives: mbox files (plain, gzip or bzip2), pipermail months, single messages, Maildir folders, HTML archives (pipermail, hypermail, MHonArc), or folders of them.",
        discussion: """
            The format is sniffed from each file's content, not its name. A file read before that \
            has not changed is not read again (size, time and hashes of its ends; the whole file \
            is hashed when those disagree), and an mbox that only grew is read from its last \
            message on. Importing the same messages from another file adds nothing: a message \
            is stored once, found by its Message-ID, or without one \
            by its sender, subject and words (so a pipermail page and its .txt month are one \
            message). A different message reusing a stored Message-ID is kept too, with the defect \
            reused-message-id. Malformed messages are kept with a recorded defect; messages that \
            cannot be kept are quarantined with the reason. All are counted in the summary.

            --replace stores the copies read now in place of the stored ones (every file is read): \
            the way to correct an import, such as a bare HTML body imported before its --from was known.

            HTML archive pages are read for their message; index pages (thread.html …) give \
            pipermail's threading and, when named on the command line, bring in the pages they link \
            to. An HTML file with no headers at all is one message with a "no-headers" defect: \
            --from, --date and --subject fill what it (or any message) lacks.

            Replies are threaded by In-Reply-To and References; where those name no stored \
            message, by the message whose own words the reply quotes (parent method "quote", with \
            a confidence below 1). Outlook's Thread-Index and Gmail's X-GM-THRID place replies \
            whose References are gone. --ignore-thread-headers threads by quoted text alone, to \
            see what it recovers. --thread-by-subject adds subjects, for lists whose archive kept \
            no headers and little quoting.

            Example:
              listlens import --db twisted.sqlite \\
                ../shared/corpora/twisted-pipermail/twisted-python/*.txt.gz
              listlens import --db twisted.sqlite \\
                ../shared/corpora/twisted-pipermail/twisted-python/2013-July/thread.html
              gzip -dc 2013-July.txt.gz | listlens import -
              listlens import --db conversations.sqlite --thread-by-subject \\
                fixtures/threading/conversations/conversations.mbox
              listlens import --db lcoo.sqlite --list openstack-operators \\
                --from "Jamey <jamey@example.com>" \\
                --date "2017-06-02 14:05 -0400" --subject "Re: LCOO" reply.html
              listlens import --db lcoo.sqlite --replace \\
                --from "Jamey <jamey@example.com>" reply.html
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("Archive files or folders; - reads standard input.", valueName: "path"))
    var paths: [String]

    @Option(help: "The list the messages belong to (default: the List-Id header, else the archive's folder name).")
    var list: String?

    @Option(help: ArgumentHelp("Sender for messages without one, as in a From: header.", valueName: "address"))
    var from: String?

    @Option(help: ArgumentHelp("Date for messages without one: RFC 5322 or ISO 8601 (2017-06-02T14:05:00-04:00).", valueName: "date"))
    var date: String?

    @Option(help: ArgumentHelp("Subject for messages without one.", valueName: "text"))
    var subject: String?

    @Flag(help: "Store the messages read now in place of their stored copies, instead of skipping them.")
    var replace = false

    @Flag(help: "Thread from quoted text alone, without References and In-Reply-To: to measure what the text recovers.")
    var ignoreThreadHeaders = false

    @Flag(inversion: .prefixedNo, help: ArgumentHelp(
        "Thread a reply whose headers and quote name no stored parent under the latest earlier message of its list with its subject, sent within 60 days (\"Re: x\" after \"x\"); --no-thread-by-subject stops. Kept per list; off for a new list."))
    var threadBySubject: Bool?

    @Flag(name: .shortAndLong, help: "No progress line, even on a terminal.")
    var quiet = false

    /// For scripts/benchmark_quotes.py: the import with the quote step off, to measure what it costs.
    /// Authored text then includes quotes, so the store is no use for reports.
    @Flag(help: .hidden)
    var withoutQuoteAnalysis = false

    func validate() throws {
        if case .failure(let f) = MessageDefaults.parse(from: from, date: date, subject: subject) { throw ValidationError(Self.describe(f)) }
    }

    func run() throws {
        let defaults = try MessageDefaults.parse(from: from, date: date, subject: subject).get()
        // Nothing to read at all: say so before a database is created for it.
        if !paths.contains("-"), paths.allSatisfy({ !FileManager.default.fileExists(atPath: $0) }) {
            for path in paths { Terminal.err("listlens: \(path): no such file or directory") }
            throw ExitCode(1)
        }
        let affiliations = try database.affiliationsFile()
        let store = try database.open()
        let importer = Importer(store: store, options: .init(list: list, defaults: defaults, replace: replace,
                                                                 ignoreThreadHeaders: ignoreThreadHeaders,
                                                                 analyzesQuotes: !withoutQuoteAnalysis, threadsBySubject: threadBySubject,
                                                                 affiliations: affiliations))
        let showProgress = !quiet && Terminal.stderrIsTerminal
        let progress: ((ImportProgress) -> Void)? = showProgress ? { ProgressLine.show($0) } : nil
        let summary = try importer.run(paths: paths, progress: progress)
        if showProgress { Terminal.clearStatus() }
        for failure in summary.failures { Terminal.err("listlens: \(failure.line)") }
        if !summary.skippedFiles.isEmpty {
            let n = summary.skippedFiles.count
            Terminal.err("listlens: skipped \(n.counted("file")) that \(n == 1 ? "is not a mail archive" : "are not mail archives") (e.g. \(summary.skippedFiles[0].file)\(summary.skippedFiles[0].member.map { "!" + $0 } ?? ""))")
        }
        if !summary.sameContentFiles.isEmpty {
            let n = summary.sameContentFiles.count
            Terminal.err("listlens: read \(n.grouped) month\(n == 1 ? "" : "s") once: \(n == 1 ? "its" : "their") .gz twin holds the same mbox (e.g. \(summary.sameContentFiles[0]))")
        }
        if summary.indexPages + summary.attachmentPages > 0 {
            Terminal.err("listlens: read \(summary.indexPages.grouped) index page\(summary.indexPages == 1 ? "" : "s") for threading and \(summary.attachmentPages.grouped) scrubbed attachment page\(summary.attachmentPages == 1 ? "" : "s") with their messages")
        }
        if summary.imposters > 0 {
            Terminal.err("listlens: kept \(summary.imposters.counted("message")) that reuse\(summary.imposters == 1 ? "s" : "") the Message-ID of a different stored message (defect reused-message-id)")
        }
        let cut = (summary.threading?.quotesCut ?? 0) + (summary.quotes?.quotesCut ?? 0)
        if cut > 0 {
            Terminal.err("listlens: \(cut.counted("quote")) compared with only the latest messages of \(cut == 1 ? "its" : "their") \(OwnTextSweep.span / 86_400) days, so \(cut == 1 ? "its" : "their") parent or source may be missed: more than \(OwnTextSweep.maxWaiting.grouped) waited at once (a named limit)")
        }
        // Said when this import changed who is flagged: the store's totals, so a wrong flag is seen at once.
        if let automated = summary.automatedSenders, automated.senders > 0, automated.changed > 0 {
            let busiest = automated.busiest.map { "\($0.address), \($0.reason.rawValue)" }.joined(separator: "; ")
            Terminal.err("listlens: \(automated.messages.counted("message")) from \(automated.senders.counted("automated sender")) (\(busiest)\(automated.senders > automated.busiest.count ? "; …" : "")) left out of people and organization counts; orgs --include-bots counts them")
        }
        if let orgs = summary.organizations, orgs.messages > 0 {
            var line = "listlens: \(orgs.messages.counted("message")) credited to another organization than before"
            if orgs.datedPersons > 0 { line += "; \(orgs.datedPersons.counted("person", plural: "people")) dated by \(affiliations.path)" }
            if !orgs.personalDomains.isEmpty {
                let shown = orgs.personalDomains.prefix(4).map { $0.domain + ($0.person.map { " (\($0))" } ?? "") }.joined(separator: ", ")
                line += "; personal domains, counted for no organization unless the file dates their person: \(shown)\(orgs.personalDomains.count > 4 ? ", …" : "")"
            }
            Terminal.err(line)
        }
        if summary.rewritten > 0 {
            Terminal.err("listlens: \(summary.rewritten.counted("message")) had a From rewritten by \(summary.rewritten == 1 ? "its" : "their") list (DMARC): counted for the author the message names elsewhere (docs/participants.md)")
        }
        // Said when this import changed who is one person: the store's totals.
        if let ids = summary.identities, ids.changed > 0, !ids.joined.isEmpty {
            let rules = ids.joined.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.grouped)" }.joined(separator: ", ")
            Terminal.err("listlens: \(ids.addresses.counted("sender address", plural: "sender addresses")) are \(ids.persons.counted("person", plural: "people")) (joined: \(rules)); people --explain PERSON shows why")
        }
        if let facts = summary.mimeFacts, facts.messages + facts.unreadable > 0 {
            var line = "listlens: read \(facts.messages.counted("message")) stored before again for has:html and has:attachment"
            if facts.unreadable > 0 {
                line += "; \(facts.unreadable.grouped) could not be (their archive files are gone or changed, or they came from standard input): has: does not find them"
            }
            Terminal.err(line)
        }
        if summary.givenValuesNotApplied > 0 {
            let n = summary.givenValuesNotApplied
            Terminal.err("listlens: \(Self.givenFlags(from: from, date: date, subject: subject)) not applied to \(n.counted("message")) already stored; import --replace applies \(n == 1 ? "it" : "them")")
        }
        Terminal.out(summary.line)
        if !summary.failures.isEmpty { throw ExitCode(1) }
    }
}

extension ImportCommand {
    /// `--from`, `--from and --date`, `--from, --date and --subject`: the flags that were given.
    static func givenFlags(from: String?, date: String?, subject: String?) -> String {
        let flags = [("--from", from), ("--date", date), ("--subject", subject)].filter { $0.1 != nil }.map(\.0)
        guard flags.count > 1 else { return flags.first ?? "" }
        return flags.dropLast().joined(separator: ", ") + " and " + flags.last!
    }

    /// The library names the value it could not read; the CLI names the flag and shows a form that works.
    static func describe(_ failure: MessageDefaults.Failure) -> String {
        switch failure {
        case .address(let s): return "--from \"\(s)\": no mail address in it (expected e.g. \"Jamey <jamey@example.com>\")"
        case .date(let s): return "--date \"\(s)\": not a date (expected e.g. \"2017-06-02 14:05 -0400\" or an RFC 5322 date)"
        }
    }
}
