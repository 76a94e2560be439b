import Foundation
import ListLensTestSupport
import Testing

/// Every JSON the CLI prints conforms to docs/json-output.schema.json, the contract's schema.
@Suite("JSON output against its schema", .serialized)
struct JSONContractTests {
    static let schema = Fixtures.repositoryRoot.appendingPathComponent("docs/json-output.schema.json").path

    static func decode(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    static func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    @Test("export, inspect, search, orgs, people and topics print what the schema describes")
    func cliOutputConforms() throws {
        let validator = try JSONSchemaValidator(schemaAt: Self.schema)
        let tmp = try TemporaryDirectory("json-contract")
        let db = tmp.file("x.sqlite")
        let inputs = ["fixtures/sample/community-list.mbox", "fixtures/clients", "fixtures/archives/pipermail/demo-list/2026-March"]
        let imported = try CLIRun.run(["import", "--db", db] + inputs)
        try #require(imported.status == 0, "stderr: \(imported.stderr)")

        let export = try CLIRun.run(["export", "--db", db])
        let exported = Self.lines(export.stdout)
        #expect(exported.count == 17)
        var sourced = 0
        for line in exported {
            let value = try Self.decode(line)
            #expect(validator.problems(value, definition: "message") == [])
            #expect(value["mime"] == nil, "inspect-only keys stay out of export")
            #expect(value["segments"] != nil, "export has segments (1.3)")
            if case .array(let segments)? = value["segments"] {
                sourced += segments.filter { $0["source"]?["message_id"] != nil && $0["source"]?["message_id"] != .null }.count
            }
        }
        #expect(sourced > 0, "quoted segments name the messages they quote")

        for file in ["fixtures/sample/community-list.mbox", "fixtures/clients/outlook-reply.eml", "fixtures/mime/forwarded-rfc822.eml",
                     "fixtures/archives/hypermail/cf-demo/0002.html"] {
            let json = try CLIRun.run(["inspect", "--format", "json", file])
            #expect(json.status == 0)
            #expect(validator.problems(try Self.decode(json.stdout), definition: "inspectDocument") == [], "\(file)")
            for line in Self.lines(try CLIRun.run(["inspect", "--format", "jsonl", file]).stdout) {
                #expect(validator.problems(try Self.decode(line), definition: "inspectMessage") == [], "\(file)")
            }
        }

        // show: one message as export writes it, segments included.
        let show = try CLIRun.run(["show", "--db", db, "--format", "json", "<quota-proposal-1@nimbus-cloud.example>"])
        #expect(show.status == 0)
        let shown = try Self.decode(show.stdout)
        #expect(validator.problems(shown, definition: "message") == [])
        #expect(shown["segments"] != nil, "show has segments")

        let thread = try CLIRun.run(["thread", "--db", db, "--format", "json", "charter"])
        #expect(thread.status == 0)
        #expect(validator.problems(try Self.decode(thread.stdout), definition: "threadView") == [])

        for query in ["from:priya quota", "from:priya", "quoted:charter"] {
            let hits = try CLIRun.run(["search", "--db", db, "--format", "json", query])
            #expect(hits.status == 0)
            let value = try Self.decode(hits.stdout)
            #expect(validator.problems(value, definition: "searchHits") == [], "\(query)")
            if case .array(let a) = value { #expect(!a.isEmpty, "\(query) finds something") }
            // jsonl: the same hits, one a line.
            let lines = Self.lines(try CLIRun.run(["search", "--db", db, "--format", "jsonl", query]).stdout)
            #expect(validator.problems(.array(try lines.map(Self.decode)), definition: "searchHits") == [], "\(query)")
            if case .array(let a) = value { #expect(lines.count == a.count, "\(query)") }
        }

        let orgs = try CLIRun.run(["orgs", "--db", db, "--format", "json"])
        let rows = try Self.decode(orgs.stdout)
        #expect(validator.problems(rows, definition: "organizationRows") == [])

        let matrix = try Self.decode(try CLIRun.run(["orgs", "--db", db, "--format", "json", "--matrix"]).stdout)
        #expect(validator.problems(matrix, definition: "replyMatrix") == [])
        if case .array(let a) = matrix { #expect(!a.isEmpty, "the sample's replies") }
        let explainedOrg = try Self.decode(try CLIRun.run(["orgs", "--db", db, "--format", "json", "--explain", "nimbus-cloud.example"]).stdout)
        #expect(validator.problems(explainedOrg, definition: "organizationExplanation") == [])
        let people = try Self.decode(try CLIRun.run(["people", "--db", db, "--format", "json"]).stdout)
        #expect(validator.problems(people, definition: "peopleRows") == [])
        if case .array(let a) = people { #expect(a.count >= 5, "the sample's people") }
        let topics = try Self.decode(try CLIRun.run(["topics", "--db", db, "--format", "json"]).stdout)
        #expect(validator.problems(topics, definition: "topicRows") == [])
        if case .array(let a) = topics { #expect(!a.isEmpty, "the sample's quota alerts") }
        let byMonth = try Self.decode(try CLIRun.run(["topics", "--db", db, "--by", "month", "--format", "json"]).stdout)
        #expect(validator.problems(byMonth, definition: "topicRows") == [])
        let topicsCSV = Self.lines(try CLIRun.run(["topics", "--db", db, "--format", "csv"]).stdout)
        #expect(topicsCSV.first == "period,topic,kind,messages,threads,people,first_message,last_message,organizations")
        #expect(topicsCSV.count >= 2)
        let health = try Self.decode(try CLIRun.run(["health", "--db", db, "--by", "month", "--format", "json"]).stdout)
        #expect(validator.problems(health, definition: "healthRows") == [])
        if case .array(let a) = health { #expect(a.count == 3, "three lists (clients, cloud-ops, demo-list), all in March 2026") }
        let healthCSV = Self.lines(try CLIRun.run(["health", "--db", db, "--format", "csv"]).stdout)
        #expect(healthCSV.first == "list,period,messages,people,organizations,affiliated_share,elephant_factor,contributor_absence_factor,threads_started,median_first_response_seconds,unanswered_threads")
        let peopleCSV = Self.lines(try CLIRun.run(["people", "--db", db, "--format", "csv"]).stdout)
        #expect(peopleCSV.first == "person_id,name,key,addresses,messages,words,threads_started,threads_joined,organizations,organization_periods,first_message,last_message,answers_most,answered_most_by")
        let explained = try CLIRun.run(["people", "--db", db, "--format", "json", "--explain", "priya.raman@nimbus-cloud.example"])
        #expect(explained.status == 0, "stderr: \(explained.stderr)")
        let explanation = try Self.decode(explained.stdout)
        #expect(validator.problems(explanation, definition: "personExplanations") == [])
        if case .array(let a) = explanation { #expect(a.count == 1) }

        // The CSV has the JSON's keys as columns, in the schema's order, and the same values.
        let csv = Self.lines(try CLIRun.run(["orgs", "--db", db, "--format", "csv"]).stdout)
        let columns = try #require(csv.first).split(separator: ",").map(String.init)
        #expect(columns == ["period", "organization", "messages", "share", "words", "people", "threads_started", "threads_joined",
                           "replies_given", "replies_received", "median_first_reply_seconds", "unanswered", "first_message", "last_message"])
        guard case .array(let jsonRows) = rows else { Issue.record("orgs JSON is not an array"); return }
        #expect(csv.count == jsonRows.count + 1)
        for (line, row) in zip(csv.dropFirst(), jsonRows) {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            for (column, cell) in zip(columns, cells) {
                switch row[column] {
                case .string(let s)?: #expect(cell == s, "\(column)")
                case .number(let n)?: #expect(Double(cell) == n, "\(column)")
                case .null?: #expect(cell.isEmpty, "\(column)")
                default: Issue.record("\(column): \(String(describing: row[column]))")
                }
            }
        }
    }

    @Test("with --by, messages without a date have their own period, after the dated ones (1.9)")
    func undatedPeriod() throws {
        let validator = try JSONSchemaValidator(schemaAt: Self.schema)
        let tmp = try TemporaryDirectory("undated-period")
        _ = try tmp.write("mail/dated.eml", """
            From: Ann Example <ann@widgets.example>
            Date: Mon, 2 Mar 2020 10:00:00 +0000
            Subject: A dated question
            Message-ID: <dated@widgets.example>

            A question with a date.
            """)
        _ = try tmp.write("mail/undated.eml", """
            From: Bob Example <bob@widgets.example>
            Subject: An undated question
            Message-ID: <undated@widgets.example>

            A question without a date.
            """)
        let db = tmp.file("x.sqlite")
        let imported = try CLIRun.run(["import", "--db", db, tmp.file("mail")])
        try #require(imported.status == 0, "stderr: \(imported.stderr)")

        let orgs = try Self.decode(try CLIRun.run(["orgs", "--db", db, "--by", "quarter", "--format", "json"]).stdout)
        #expect(validator.problems(orgs, definition: "organizationRows") == [])
        guard case .array(let rows) = orgs else { Issue.record("orgs JSON is not an array"); return }
        #expect(rows.map { $0["period"] } == [.string("2020-Q1"), .string("undated")])
        #expect(rows.map { $0["messages"] } == [.number(1), .number(1)])

        let health = try Self.decode(try CLIRun.run(["health", "--db", db, "--by", "year", "--format", "json"]).stdout)
        #expect(validator.problems(health, definition: "healthRows") == [])
        guard case .array(let years) = health else { Issue.record("health JSON is not an array"); return }
        #expect(years.map { $0["period"] } == [.string("2020"), .string("undated")])

        // Without --by there is one period, all time: null.
        let whole = try Self.decode(try CLIRun.run(["orgs", "--db", db, "--format", "json"]).stdout)
        if case .array(let a) = whole { #expect(a.map { $0["period"] } == [.null]) }

        // The schema names the forms a period takes.
        guard case .object(var row) = rows[0] else { Issue.record("not an object"); return }
        row["period"] = .string("March 2020")
        #expect(validator.problems(.array([.object(row)]), definition: "organizationRows")
                == [#"$[0].period: March 2020 does not match ^([0-9]{4}(-[0-9]{2}|-Q[1-4])?|undated)$"#])
    }

    @Test("the validator refuses what the contract does not allow")
    func validatorCanFail() throws {
        let validator = try JSONSchemaValidator(schemaAt: Self.schema)
        let good = try Self.decode(#"{"name": null, "address": "a@example.org"}"#)
        #expect(validator.problems(good, definition: "person") == [])
        for bad in [#"{"name": null}"#, #"{"name": 1, "address": null}"#, #"{"name": null, "address": null, "extra": true}"#, "[]"] {
            #expect(!validator.problems(try Self.decode(bad), definition: "person").isEmpty, "\(bad)")
        }
        let hit = try Self.decode(#"[{"message_id": "x", "date": null, "from": {"name": null, "address": null}, "subject": "s", "snippet": "", "thread_id": null, "list": null, "organization": null, "rank": "low"}]"#)
        #expect(validator.problems(hit, definition: "searchHits") == ["$[0].rank: expected number or null"])
        let partial = try Self.decode(#"[{"message_id": "x", "from": {"name": null, "address": null}, "subject": "s", "snippet": "", "list": "l", "organization": null, "rank": null}]"#)
        #expect(Set(validator.problems(partial, definition: "searchHits")) == ["$[0]: missing date", "$[0]: missing thread_id"],
                "absent keys are refused: the contract writes null")
    }
}
