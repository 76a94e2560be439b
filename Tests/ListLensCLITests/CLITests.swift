import Foundation
import ListLensTestSupport
import Testing

/// Runs the real `listlens` binary and checks its exit code, stdout and stderr.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String

    static let root = Fixtures.repositoryRoot

    /// The binary SwiftPM built next to this test bundle.
    static var binary: URL {
        let here = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL.deletingLastPathComponent()
        return (here ?? root.appendingPathComponent(".build/debug")).appendingPathComponent("listlens")
    }

    /// Runs `listlens arguments…` from the repository root, without the caller's LISTLENS_DB and LISTLENS_AFFILIATIONS.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CLIRun {
        var env: [String: String?] = ["LISTLENS_DB": nil, "LISTLENS_AFFILIATIONS": nil]
        for (k, v) in environment { env[k] = v }
        let o = try ProcessRunner(binary.path, currentDirectory: root.path, environment: env).run(arguments)
        return CLIRun(status: o.status, stdout: o.stdout, stderr: o.stderr)
    }
}

@Suite("listlens command line", .serialized)
struct CLITests {
    @Test("demo: the README's first command imports the sample and prints the report and a search")
    func demo() throws {
        let r = try CLIRun.run(["demo"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let expected = try String(contentsOf: CLIRun.root.appendingPathComponent("Tests/ListLensCLITests/Snapshots/demo.txt"), encoding: .utf8)
        #expect(r.stdout == expected)
    }

    @Test("import, then orgs in every format, export and search, through --db and LISTLENS_DB")
    func roundTrip() throws {
        let tmp = try TemporaryDirectory("cli")
        let dir = tmp.url
        let db = dir.appendingPathComponent("x.sqlite").path
        let imported = try CLIRun.run(["import", "--db", db, "fixtures/sample/community-list.mbox"])
        #expect(imported.status == 0)
        #expect(imported.stdout.hasPrefix("imported 10 messages, 0 duplicates skipped, 0 quarantined, 1 with defects, 1 file, "))
        // No progress line when stderr is not a terminal: only the list's robot, flagged once.
        #expect(imported.stderr == "listlens: 1 message from 1 automated sender (cloud-ops-owner@lists.openinfra.example, list-address) left out of people and organization counts; orgs --include-bots counts them\n")
        let again = try CLIRun.run(["import", "fixtures/sample/community-list.mbox"], environment: ["LISTLENS_DB": db])
        #expect(again.stdout.hasPrefix("imported 0 messages, 0 duplicates skipped, 0 quarantined, 0 with defects, 0 files (1 unchanged, not read again), "))
        #expect(again.stderr.isEmpty, "nothing new was flagged")

        let csv = try CLIRun.run(["orgs", "--db", db, "--format", "csv"])
        // The CSV's columns and values are the JSON's (issue 9: it said first/last and "30.0%").
        #expect(csv.stdout.split(separator: "\n").first == "period,organization,messages,share,words,people,threads_started,threads_joined,replies_given,replies_received,median_first_reply_seconds,unanswered,first_message,last_message")
        #expect(csv.stdout.contains("\n,nimbus-cloud.example,3,0.3333,122,2,1,2,2,1,6480,0,2026-03-02T09:14:00Z,2026-03-06T08:00:00Z\n"))
        let json = try CLIRun.run(["orgs", "--db", db, "--format", "json"])
        let rows = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(rows?.count == 5, "the list's robot and its organization are left out")
        let all = try CLIRun.run(["orgs", "--db", db, "--format", "json", "--include-bots"])
        let allRows = try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]]
        #expect(allRows?.count == 6 && allRows?.contains { $0["organization"] as? String == "openinfra.example" } == true)

        let export = try CLIRun.run(["export", "--db", db])
        let lines = export.stdout.split(separator: "\n")
        #expect(lines.count == 10)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        let keys = Set(first?.keys.map { $0 } ?? [])
        #expect(keys == ["message_id", "list", "date", "from", "to", "cc", "subject", "in_reply_to", "references", "participant",
                         "organization", "thread_id", "parent", "parent_method", "tags", "text", "authored_text", "quoted_text",
                         "source", "defects", "segments"])

        let search = try CLIRun.run(["search", "--db", db, "--format", "json", "from:dana prototype"])
        let hits = try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [[String: Any]]
        #expect(hits?.map { $0["message_id"] as? String } == ["reply-dana-1@openinfra-foundation.example"])

        // A query may start with `-`: a negated term, not an option.
        let negated = try CLIRun.run(["search", "--db", db, "--format", "json", "-prototype", "from:dana"])
        let without = try JSONSerialization.jsonObject(with: Data(negated.stdout.utf8)) as? [[String: Any]]
        #expect(negated.status == 0 && without?.isEmpty == false, "\(negated.stderr)")
        #expect(without?.contains { $0["message_id"] as? String == "reply-dana-1@openinfra-foundation.example" } == false)

        // A time limit is a number of seconds above 0.
        let limited = try CLIRun.run(["search", "--db", db, "--time-limit", "2.5", "from:dana prototype"])
        #expect(limited.status == 0 && limited.stdout.contains("reply-dana-1@openinfra-foundation.example"))
        let none = try CLIRun.run(["search", "--db", db, "--time-limit", "0", "prototype"])
        #expect(none.status == 64 && none.stderr.contains("--time-limit must be more than 0"))
    }

    @Test("a file that is not an archive: the file is named, the rest is imported, the exit is non-zero")
    func badInput() throws {
        let tmp = try TemporaryDirectory("cli")
        let dir = tmp.url
        let notes = dir.appendingPathComponent("notes.txt")
        try Data("not mail at all\n".utf8).write(to: notes)
        let db = dir.appendingPathComponent("x.sqlite").path
        let r = try CLIRun.run(["import", "--db", db, notes.path, "fixtures/sample/community-list.mbox", dir.appendingPathComponent("missing.mbox").path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(notes.path): not a mail archive"))
        #expect(r.stderr.contains("missing.mbox: no such file or directory"))
        #expect(r.stdout.hasPrefix("imported 10 messages"))
    }

    @Test("reading commands on a missing database say so instead of printing nothing")
    func missingDatabase() throws {
        let r = try CLIRun.run(["orgs", "--db", "/nonexistent/dir/none.sqlite"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("no such database"))
    }

    @Test("inspect shows MIME trees, segments and defects without importing", arguments: ["text", "json"])
    func inspect(format: String) throws {
        let r = try CLIRun.run(["inspect", "--format", format, "fixtures/sample/community-list.mbox"])
        #expect(r.status == 0)
        if format == "json" {
            let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
            let messages = doc?["messages"] as? [[String: Any]] ?? []
            #expect(messages.count == 10)
            let notes = messages.first { ($0["message_id"] as? String) == "notes-0305@sp.nuvem.example" }
            let mime = notes?["mime"] as? [[String: Any]] ?? []
            #expect(mime.map { $0["content_type"] as? String } == ["multipart/mixed", "text/plain", "text/csv"])
            let segments = notes?["segments"] as? [[String: Any]] ?? []
            #expect(segments.map { $0["kind"] as? String } == ["authored", "signature"])
        } else {
            #expect(r.stdout.contains("defects     missing-message-id"))
            #expect(r.stdout.contains("    1 text/plain quoted-printable"))
        }
    }

    @Test("thread shows a thread as a tree, each quoted point with whose it was; by Message-ID, thread id or search")
    func thread() throws {
        let tmp = try TemporaryDirectory("cli")
        let db = tmp.url.appendingPathComponent("x.sqlite").path
        #expect(try CLIRun.run(["import", "--db", db, "fixtures/sample/community-list.mbox"]).status == 0)
        let json = try CLIRun.run(["thread", "--db", db, "--format", "json", "charter"])
        #expect(json.status == 0, "\(json.stderr)")
        let view = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let messages = view["messages"] as? [[String: Any]] ?? []
        #expect(messages.count == 3)
        #expect(messages.map { $0["level"] as? Int } == [0, 1, 2], "each reply under the message it answers")
        let last = messages.last?["parts"] as? [[String: Any]] ?? []
        #expect(last.map { $0["kind"] as? String }.contains("quote") && last.map { $0["kind"] as? String }.contains("reply"))
        let sources = last.compactMap { ($0["source"] as? [String: Any])?["message_id"] as? String }
        #expect(sources.contains("charter-1@telco-one.example"), "the depth-2 quote is from the root: \(sources)")
        let byID = try CLIRun.run(["thread", "--db", db, "<charter-1@telco-one.example>"])
        #expect(byID.stdout.contains("> [jamey.collins@telco-one.example]"))
        let threadID = try #require(view["thread_id"] as? String)
        #expect(try CLIRun.run(["thread", "--db", db, threadID]).stdout == byID.stdout)
        let none = try CLIRun.run(["thread", "--db", db, "zzzz-nothing"])
        #expect(none.status != 0 && none.stderr.contains("no thread, message or search hit for zzzz-nothing"))
    }

    @Test("thread names the sender of a quote its HTML cites, like one found in the thread, and marks one found elsewhere")
    func threadWithCitedQuote() throws {
        let tmp = try TemporaryDirectory("cli")
        let db = tmp.url.appendingPathComponent("x.sqlite").path
        #expect(try CLIRun.run(["import", "--db", db, "fixtures/html-structure/thread.mbox"]).status == 0)
        let r = try CLIRun.run(["thread", "--db", db, "<plan-1@y.example>"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("> [bo@y.example]\n"), "the cited quote: \(r.stdout)")
        #expect(r.stdout.contains("> [ann@x.example]\n"), "the quote under Outlook's header block")
        #expect(!r.stdout.contains("found elsewhere"))
    }

    @Test("inspect reads a bare body file (no headers, as labelled reply sets hold them) and names who each quote is from")
    func inspectBareBody() throws {
        let r = try CLIRun.run(["inspect", "--format", "json", "fixtures/quotes/bare-interleaved-reply.txt"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let m = try #require((doc?["messages"] as? [[String: Any]])?.first)
        #expect((m["defects"] as? [String])?.first == "no-headers")
        let segments = m["segments"] as? [[String: Any]] ?? []
        #expect(segments.map { "\($0["kind"] ?? "")\($0["depth"] ?? "")" }
                == ["authored0", "attribution0", "quoted1", "authored0", "quoted1", "attribution1", "quoted2", "authored0", "signature0"])
        let who = segments.map { ($0["attribution"] as? [String: Any])?["name"] as? String }
        #expect(who[2] == "Tomasz Nowak" && who[4] == "Tomasz Nowak" && who[6] == "Dana Okafor")
        #expect((segments[1]["attribution"] as? [String: Any])?["address"] as? String == "tomasz@kraken-hosting.example")
        let text = try CLIRun.run(["inspect", "fixtures/quotes/bare-interleaved-reply.txt"])
        #expect(text.stdout.contains("quoted depth 2 (Dana Okafor): 1 line | I can review it on Thursday."))
        let tmp = try TemporaryDirectory("cli")
        let notMail = try CLIRun.run(["import", "--db", tmp.url.appendingPathComponent("x.sqlite").path, "fixtures/quotes/bare-interleaved-reply.txt"])
        #expect(notMail.stderr.contains("bare-interleaved-reply.txt: not a mail archive"), "import still refuses a file that is not mail")
    }

    @Test("people: persons in a table, --explain with the rule and evidence of each join, clear errors")
    func people() throws {
        let tmp = try TemporaryDirectory("cli-people")
        let db = tmp.file("x.sqlite")
        let imported = try CLIRun.run(["import", "--db", db, "fixtures/identities/persons.mbox"])
        #expect(imported.status == 0)
        #expect(imported.stderr.contains("14 sender addresses are 9 people (joined: rewritten-name 1, same-mailbox 2, same-name 2); people --explain PERSON shows why"))
        #expect(imported.stderr.contains("1 message had a From rewritten by its list (DMARC)"))

        let table = try CLIRun.run(["people", "--db", db])
        #expect(table.status == 0)
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("person ") == true && lines.count == 11, "\(lines)")
        #expect(lines[2].hasPrefix("Glyph Lefkowitz ") && lines[2].contains("Jean-Paul Calderone (1)"))

        let explain = try CLIRun.run(["people", "--db", db, "--explain", "Glyph Lefkowitz"])
        #expect(explain.status == 0)
        #expect(explain.stdout.hasPrefix("Glyph Lefkowitz (person 1): 3 messages from 3 addresses\n"))
        #expect(explain.stdout.contains("    joined to glyph@twistedmatrix.example by same-mailbox: glyph+lists@twistedmatrix.example and glyph@twistedmatrix.example are the mailbox glyph@twistedmatrix.example"))

        let nobody = try CLIRun.run(["people", "--db", db, "--explain", "nobody@nowhere.example"])
        #expect(nobody.status == 1 && nobody.stderr.contains("no person with the address, id or name nobody@nowhere.example"))
        let mixed = try CLIRun.run(["people", "--db", db, "--explain", "glyph", "--org", "ibm.com"])
        #expect(mixed.status != 0 && mixed.stderr.contains("--explain shows one person whole"))
        let badDate = try CLIRun.run(["people", "--db", db, "--since", "2020-13"])
        #expect(badDate.status != 0 && badDate.stderr.contains("--since 2020-13: give a year, month or day"))
        let matrix = try CLIRun.run(["orgs", "--db", db, "--matrix", "--format", "csv"])
        #expect(matrix.stdout.split(separator: "\n").first == "from,to,replies,share")
        // p2 (divmod.example) answers p1 (twistedmatrix.example); p3 (twistedmatrix) answers p2; p4 (divmod) answers p3; p5 answers p4.
        #expect(matrix.stdout.contains("divmod.example,twistedmatrix.example,2,1.0\n"), "\(matrix.stdout)")
        #expect(matrix.stdout.contains("twistedmatrix.example,divmod.example,2,1.0\n"), "\(matrix.stdout)")
        let org = try CLIRun.run(["orgs", "--db", db, "--explain", "twistedmatrix.example"])
        #expect(org.stdout.hasPrefix("twistedmatrix.example: 3 messages from 2 people; why: domain = the address they wrote from"), "\(org.stdout)")
        #expect(org.stdout.contains("glyph+lists@twistedmatrix.example (1), glyph@twistedmatrix.example (1)"))
        let noOrg = try CLIRun.run(["orgs", "--db", db, "--explain", "nowhere.example"])
        #expect(noOrg.status == 1 && noOrg.stderr.contains("no messages count for the organization nowhere.example"))
        let listed = try CLIRun.run(["orgs", "--db", db, "--list", "no-such-list", "--format", "csv"])
        #expect(listed.status == 0 && listed.stdout.split(separator: "\n").count == 1, "a list with no messages: the header only")
        let march = try CLIRun.run(["people", "--db", db, "--since", "2026-03-04", "--until", "2026-03-04", "--format", "csv"])
        #expect(march.stdout.split(separator: "\n").count == 1 + 4, "support, help, and the two Ann Lees of 4 March: \(march.stdout)")
    }

    @Test("every command's help shows an example", arguments: ["import", "remove", "export", "thread", "show", "inspect", "search", "orgs", "people", "demo",
                                                                "benchmark", "health", "report", "affiliations import", "affiliations set",
                                                                "affiliations merge", "affiliations suggest", "affiliations show"])
    func help(command: String) throws {
        let r = try CLIRun.run(command.split(separator: " ").map(String.init) + ["--help"], environment: ["COLUMNS": "80"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Example:"))
        // Examples copy and paste: at 80 columns every line of one is indented (a wrapped command
        // would start a line at column 0), and a command goes on to the next line only after `\`.
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "Example:") else { return }
        for (i, line) in lines[(start + 1)...].prefix(while: { !$0.isEmpty }).enumerated() {
            #expect(line.hasPrefix("  "), "\(command): example line \(i + 1) wraps: \(line)")
            #expect(line.count <= 80, "\(command): \(line)")
        }
    }

    @Test("search, show and thread text on a terminal goes through the pager; to a pipe, or with the pager cat, it does not")
    func pager() throws {
        let tmp = try TemporaryDirectory("cli")
        let db = tmp.file("x.sqlite")
        #expect(try CLIRun.run(["import", "--db", db, "fixtures/sample/community-list.mbox"]).status == 0)
        let id = "reply-dana-1@openinfra-foundation.example"
        // `script` gives the command a terminal; the pager marks each line it shows.
        func onTerminal(_ arguments: [String], pager: String) throws -> String {
            let command = ([CLIRun.binary.path] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
            let o = try ProcessRunner("/usr/bin/script", currentDirectory: CLIRun.root.path,
                                      environment: ["LISTLENS_PAGER": pager, "PAGER": nil, "LISTLENS_DB": nil])
                .run(["-qec", command, "/dev/null"])
            #expect(o.status == 0, "\(o.stderr)")
            return o.stdout
        }
        for arguments in [["search", "--db", db, "from:dana prototype"], ["show", "--db", db, id], ["thread", "--db", db, id]] {
            let piped = try CLIRun.run(arguments, environment: ["LISTLENS_PAGER": "sed 's/^/paged: /'"])
            let first = try #require(piped.stdout.split(separator: "\n").first.map(String.init), "\(arguments[0]) prints")
            #expect(piped.status == 0 && !piped.stdout.contains("paged: "), "\(arguments[0])")
            let paged = try onTerminal(arguments, pager: "sed 's/^/paged: /'")
            #expect(paged.contains("paged: " + first), "\(arguments[0]): \(paged)")
            let plain = try onTerminal(arguments, pager: "cat")
            #expect(!plain.contains("paged: ") && plain.contains(first), "\(arguments[0])")
        }
    }

    @Test("text outputs make control characters from mail visible; JSON escapes them (issue 9)")
    func controlCharacters() throws {
        let tmp = try TemporaryDirectory("cli")
        let db = tmp.file("x.sqlite")
        let file = "fixtures/hostile/terminal-escapes.eml"
        #expect(try CLIRun.run(["import", "--db", db, file]).status == 0)
        let texts = [
            try CLIRun.run(["inspect", file]).stdout,
            try CLIRun.run(["search", "--db", db, "from:eve"]).stdout,
            try CLIRun.run(["search", "--db", db, "bell"]).stdout,
        ]
        for out in texts {
            #expect(!out.isEmpty)
            #expect(!out.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }, "raw control characters in: \(out)")
            #expect(out.contains("\u{241B}"), "ESC shows as ␛")
        }
        let json = try CLIRun.run(["search", "--db", db, "--format", "json", "from:eve"]).stdout
        #expect(json.contains(#"\u001b[31mRed"#), "JSON keeps the data, escaped")
    }

    @Test("show: a message with its place in its thread, --raw its bytes as the archive holds them; search --format mbox: the hits' messages")
    func showAndMbox() throws {
        let tmp = try TemporaryDirectory("cli")
        let db = tmp.file("x.sqlite")
        let archive = "fixtures/sample/community-list.mbox"
        #expect(try CLIRun.run(["import", "--db", db, archive]).status == 0)
        let show = try CLIRun.run(["show", "--db", db, "<quota-proposal-1@nimbus-cloud.example>"])
        #expect(show.status == 0, "\(show.stderr)")
        for line in ["Message-ID: <quota-proposal-1@nimbus-cloud.example>", "From:       Priya Raman", "List:       cloud-ops",
                     "Thread:     <quota-proposal-1@nimbus-cloud.example>, message 1 of", "Replies:    <"] {
            #expect(show.stdout.contains(line), "\(line)\n\(show.stdout)")
        }
        #expect(show.stdout.contains("per-tenant quota alerts"))
        let reply = try CLIRun.run(["show", "--db", db, "reply-dana-1@openinfra-foundation.example"])
        #expect(reply.stdout.contains("; answers <quota-proposal-1@nimbus-cloud.example> (in-reply-to)"), "\(reply.stdout)")
        #expect(reply.stdout.split(separator: "\n").contains { $0.hasPrefix("> ") }, "the quote it answers, with >")

        // --raw: bytes the archive file holds, verbatim.
        let raw = try CLIRun.run(["show", "--db", db, "--raw", "<reply-dana-1@openinfra-foundation.example>"])
        let file = try String(contentsOf: CLIRun.root.appendingPathComponent(archive), encoding: .utf8)
        #expect(raw.stdout.count > 200 && file.contains(raw.stdout), "\(raw.stdout.prefix(200))")
        #expect(raw.stdout.contains("Message-ID: <reply-dana-1@openinfra-foundation.example>"))
        let missing = try CLIRun.run(["show", "--db", db, "<nothing@example.org>"])
        #expect(missing.status != 0 && missing.stderr.contains("no message with Message-ID <nothing@example.org>"))

        // mbox: Python's mailbox reads back the hits, in order.
        let query = "quota"
        let ids = Self.lines(try CLIRun.run(["search", "--db", db, "--format", "jsonl", query]).stdout).compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["message_id"] as? String
        }
        #expect(ids.count >= 3)
        let mbox = tmp.file("hits.mbox")
        let written = try CLIRun.run(["search", "--db", db, "--format", "mbox", query])
        try Data(written.stdout.utf8).write(to: URL(fileURLWithPath: mbox))
        let read = try ProcessRunner.require("python3", ["-c", "import mailbox, sys\nfor m in mailbox.mbox(sys.argv[1]): print(m['Message-ID'].strip('<>'))", mbox])
        #expect(Self.lines(read.stdout) == ids)
    }

    static func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    @Test("an <ol start> near Int.max converts instead of killing the process (issue 9)")
    func listStartOverflow() throws {
        let r = try CLIRun.run(["inspect", "fixtures/hostile/ol-start-overflow.html"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("authored"))
    }

    @Test("reading commands work on a database the user may only read (issue 9: 'attempt to write a readonly database')")
    func readOnlyDatabase() throws {
        let tmp = try TemporaryDirectory("cli")
        let db = tmp.file("x.sqlite")
        #expect(try CLIRun.run(["import", "--db", db, "fixtures/sample/community-list.mbox"]).status == 0)
        // As root, permissions do not bind: run the reader as `nobody`, who cannot write the folder or the file.
        let asNobody = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser")
        if !asNobody {
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: tmp.path)
        }
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tmp.path) }
        func read(_ arguments: [String]) throws -> CLIRun {
            guard asNobody else { return try CLIRun.run(arguments) }
            let o = try ProcessRunner("/usr/sbin/runuser", currentDirectory: CLIRun.root.path)
                .run(["-u", "nobody", "--", CLIRun.binary.path] + arguments)
            return CLIRun(status: o.status, stdout: o.stdout, stderr: o.stderr)
        }
        let orgs = try read(["orgs", "--db", db])
        #expect(orgs.status == 0, "stderr: \(orgs.stderr)")
        #expect(orgs.stdout.contains("nimbus-cloud.example"))
        let search = try read(["search", "--db", db, "from:priya quota"])
        #expect(search.status == 0 && search.stdout.contains("Priya Raman"), "stderr: \(search.stderr)")
        let export = try read(["export", "--db", db])
        #expect(export.status == 0 && export.stdout.split(separator: "\n").count == 10, "stderr: \(export.stderr)")
    }

    @Test("a reading command on a file that is not a ListLens database says so")
    func notAListLensDatabase() throws {
        let tmp = try TemporaryDirectory("cli")
        let other = tmp.file("other.sqlite")
        try ProcessRunner.require("python3", ["-c", "import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute('CREATE TABLE t (x)')", other])
        let r = try CLIRun.run(["orgs", "--db", other])
        #expect(r.status != 0)
        #expect(r.stderr.contains("not a ListLens database"))
        #expect(!r.stderr.contains("SELECT") && !r.stderr.contains("CREATE"), "no SQL in errors")
    }

    @Test("import - reads standard input, any format, with - as the source (issue 9: 'no such file')")
    func standardInput() throws {
        let tmp = try TemporaryDirectory("cli")
        let db = tmp.file("x.sqlite")
        let gz = try ProcessRunner.require("gzip", ["-c", "-n", "fixtures/sample/community-list.mbox"].map { $0.hasPrefix("fixtures") ? CLIRun.root.appendingPathComponent($0).path : $0 }).stdoutData
        let r = try ProcessRunner(CLIRun.binary.path, currentDirectory: CLIRun.root.path).run(["import", "--db", db, "-"], input: gz)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.hasPrefix("imported 10 messages"))
        let first = try #require(try CLIRun.run(["export", "--db", db]).stdout.split(separator: "\n").first)
        #expect(first.contains(#""path":"-""#))
    }

    @Test("a bad query is a usage error, not a crash")
    func badQuery() throws {
        let r = try CLIRun.run(["search", "--db", "/tmp/none.sqlite", "(deferred OR"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("query: nothing after OR at character 11\n  (deferred OR\n            ^"), "\(r.stderr)")
        #expect(!r.stderr.contains("Usage:"), "the query was wrong, not the options: \(r.stderr)")
        // A mistyped option is not query text.
        let option = try CLIRun.run(["search", "--db", "/tmp/none.sqlite", "--limt", "5", "deferred"])
        #expect(option.status == 64 && option.stderr.contains("unknown option '--limt'"), "\(option.stderr)")
    }

    @Test("a guess corrected: --from on a stored message is reported as not applied, --replace applies it, remove takes it out (issue 9)")
    func replaceAndRemove() throws {
        let tmp = try TemporaryDirectory("cli")
        let db = tmp.file("x.sqlite")
        let page = CLIRun.root.appendingPathComponent("fixtures/dedup/bare-reply.html").path
        #expect(try CLIRun.run(["import", "--db", db, page]).status == 0)
        let again = try CLIRun.run(["import", "--db", db, "--from", "Jamey <jamey@example.com>", "--subject", "Re: LCOO", page])
        #expect(again.status == 0)
        #expect(again.stderr.contains("--from and --subject not applied to 1 message already stored; import --replace applies it"), "\(again.stderr)")
        let replaced = try CLIRun.run(["import", "--db", db, "--replace", "--from", "Jamey <jamey@example.com>", page])
        #expect(replaced.stdout.contains("1 replaced"), "\(replaced.stdout)")
        #expect(try CLIRun.run(["search", "--db", db, "from:jamey"]).stdout.contains("settles"))
        let removed = try CLIRun.run(["remove", "--db", db, page, "<nobody@example.org>"])
        #expect(removed.status == 1, "one target matched nothing")
        #expect(removed.stdout.contains("removed 1 message of \(page)"))
        #expect(removed.stderr.contains("<nobody@example.org>: no stored archive file or Message-ID matches it"))
        let after = try CLIRun.run(["search", "--db", db, "from:jamey"])
        #expect(!after.stdout.contains("settles") && (after.stdout + after.stderr).contains("no messages match"))
        // A file whose messages were all copies of messages stored from another file: nothing of its own to remove.
        let direct = CLIRun.root.appendingPathComponent("fixtures/dedup/copy-direct.eml").path
        let viaList = CLIRun.root.appendingPathComponent("fixtures/dedup/copy-via-list.eml").path
        #expect(try CLIRun.run(["import", "--db", db, direct, viaList]).stdout.contains("1 duplicate skipped"))
        let copies = try CLIRun.run(["remove", "--db", db, viaList])
        #expect(copies.status == 0)
        #expect(copies.stdout.contains("removed 0 messages of \(viaList): it held only copies of messages stored from other files"), "\(copies.stdout)")
        let missing = try CLIRun.run(["remove", "--db", tmp.file("none.sqlite"), page])
        #expect(missing.status != 0 && missing.stderr.contains("no such database"))
        #expect(!FileManager.default.fileExists(atPath: tmp.file("none.sqlite")))
    }

    @Test("importing only paths that do not exist fails without creating a database (issue 9)")
    func missingPathsCreateNoDatabase() throws {
        let tmp = try TemporaryDirectory("cli")
        let db = tmp.file("x.sqlite")
        let r = try CLIRun.run(["import", "--db", db, tmp.file("no-such.mbox")])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no-such.mbox: no such file or directory"))
        #expect(!FileManager.default.fileExists(atPath: db))
        let orgs = try CLIRun.run(["orgs", "--db", db])
        #expect(orgs.status != 0 && orgs.stderr.contains("no such database"))
    }

    @Test("a bare HTML body imports as one message; --from, --date, --subject and --list fill what it lacks")
    func bareHTML() throws {
        let tmp = try TemporaryDirectory("cli")
        let dir = tmp.url
        let page = dir.appendingPathComponent("reply.html")
        try Data(#"<html><body><p class="MsoNormal">Agreed, see below.</p><p class="MsoNormal">&gt;Shall we?</p></body></html>"#.utf8).write(to: page)
        let db = dir.appendingPathComponent("x.sqlite").path
        let r = try CLIRun.run(["import", "--db", db, "--from", "Jamey <jamey@example.com>", "--date", "2017-06-02 14:05 -0400",
                                "--subject", "Re: LCOO", "--list", "openstack-operators", page.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("imported 1 message, 0 duplicates skipped"), "one message, not \"1 messages\" (issue 9)")
        let e = try CLIRun.run(["export", "--db", db])
        let m = try #require(try JSONSerialization.jsonObject(with: Data(e.stdout.utf8)) as? [String: Any])
        #expect((m["from"] as? [String: Any])?["address"] as? String == "jamey@example.com")
        #expect(m["date"] as? String == "2017-06-02T18:05:00Z")
        #expect(m["subject"] as? String == "Re: LCOO")
        #expect(m["list"] as? String == "openstack-operators")
        #expect((m["defects"] as? [String])?.first == "no-headers")
        #expect(m["authored_text"] as? String == "Agreed, see below.")
        #expect(m["quoted_text"] as? String == "Shall we?")

        let bad = try CLIRun.run(["import", "--db", db, "--date", "someday", page.path])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--date \"someday\": not a date"))
        let noAddress = try CLIRun.run(["import", "--db", db, "--from", "nobody", page.path])
        #expect(noAddress.status == 64)
        #expect(noAddress.stderr.contains("--from \"nobody\": no mail address in it"))

        // An HTML file with neither headers nor text is no message: quarantined, with the reason.
        let empty = dir.appendingPathComponent("empty.html")
        try Data("<html><body><p>&nbsp;</p></body></html>".utf8).write(to: empty)
        let q = try CLIRun.run(["import", "--db", db, empty.path])
        #expect(q.stdout.hasPrefix("imported 0 messages, 0 duplicates skipped, 1 quarantined"), "\(q.stdout)")
    }
}
