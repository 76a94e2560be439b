import Foundation
import ListLensTestSupport
import Testing

/// `listlens report --html` opened in a real browser: Debian's chromium renders the page headless
/// to a PNG and dumps its DOM, and the DOM's charts and numbers are checked against
/// `orgs --format json`. .ci/run installs chromium; without it the suite says it skipped.
@Suite("listlens report in a browser", .serialized,
       .enabled(if: Chromium.path != nil, "chromium is not installed: the report's browser check skipped"))
struct ReportPageTests {

    /// Runs headless chromium on a file with `arguments` (a DOM dump, a screenshot); no profile is kept.
    static func browse(_ file: String, _ arguments: [String], profile: String) throws -> ProcessRunner.Output {
        try ProcessRunner(Chromium.path!).run(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                                          "--user-data-dir=\(profile)"] + arguments + ["file://" + file])
    }

    @Test("the page renders: its five charts are in the DOM, its numbers are orgs' own, and nothing is fetched")
    func rendersInChromium() throws {
        let tmp = try TemporaryDirectory("report-page")
        defer { tmp.remove() }
        let db = tmp.file("r.sqlite")
        let imported = try CLIRun.run(["import", "--db", db, "fixtures/sample/community-list.mbox"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let report = try CLIRun.run(["report", "--html", "--db", db])
        #expect(report.status == 0, "\(report.stderr)")
        let page = try tmp.write("report.html", report.stdout)
        #expect(report.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(!report.stdout.contains("<script") && !report.stdout.contains("src="), "self-contained: no script, nothing loaded")
        #expect(report.stdout.contains("Content-Security-Policy"))

        let dom = try Self.browse(page, ["--dump-dom"], profile: tmp.file("profile")).stdout
        for chart in ["coverage", "involvement", "people", "matrix", "response"] {
            #expect(dom.contains("<svg id=\"\(chart)\""), "chart \(chart) in the rendered DOM")
        }
        // Every organization row carries the numbers orgs gives.
        let orgs = try CLIRun.run(["orgs", "--db", db, "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(orgs.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 5)
        for row in rows {
            let name = row["organization"] as? String ?? ""
            let messages = row["messages"] as? Int ?? -1
            #expect(dom.contains("data-organization=\"\(name)\" data-messages=\"\(messages)\""), "\(name): \(messages) messages")
        }
        // The involvement chart's bars add up to the messages counted.
        let involvement = try #require(dom.range(of: "<svg id=\"involvement\"")).lowerBound
        let end = try #require(dom[involvement...].range(of: "</svg>")).upperBound
        let values = try NSRegularExpression(pattern: "data-value=\"(\\d+)\"")
        let svg = String(dom[involvement..<end])
        let total = values.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).reduce(0) { sum, m in
            sum + (Int((svg as NSString).substring(with: m.range(at: 1))) ?? 0)
        }
        #expect(total == rows.reduce(0) { $0 + ($1["messages"] as? Int ?? 0) })

        // The participants chart is people's own first rows: label "name (first organization)", messages.
        let peopleJSON = try CLIRun.run(["people", "--db", db, "--format", "json"])
        let people = try #require(try JSONSerialization.jsonObject(with: Data(peopleJSON.stdout.utf8)) as? [[String: Any]])
        let chart = try #require(dom.range(of: "<svg id=\"people\"")).lowerBound
        let chartEnd = try #require(dom[chart...].range(of: "</svg>")).upperBound
        let bars = try NSRegularExpression(pattern: "data-label=\"([^\"]*)\" data-value=\"(\\d+)\"")
        let peopleSVG = String(dom[chart..<chartEnd]) as NSString
        let drawn = bars.matches(in: peopleSVG as String, range: NSRange(location: 0, length: peopleSVG.length)).map {
            (peopleSVG.substring(with: $0.range(at: 1)), Int(peopleSVG.substring(with: $0.range(at: 2))) ?? -1)
        }
        let expected = people.prefix(15).map { row -> (String, Int) in
            let name = row["name"] as? String ?? row["key"] as? String ?? ""
            let organization = (row["organizations"] as? [String])?.first.map { " (\($0))" } ?? ""
            return ((name + organization).replacingOccurrences(of: "&", with: "&amp;"), row["messages"] as? Int ?? -1)
        }
        #expect(drawn.count == expected.count && zip(drawn, expected).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }, "\(drawn) vs \(expected)")

        // A screenshot: a PNG of the width asked for.
        let png = tmp.file("report.png")
        _ = try Self.browse(page, ["--window-size=1100,2600", "--screenshot=\(png)"], profile: tmp.file("profile"))
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: png)))
        #expect(bytes.count > 20_000 && Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG of the page")
        let width = bytes.count > 24 ? Int(bytes[16]) << 24 | Int(bytes[17]) << 16 | Int(bytes[18]) << 8 | Int(bytes[19]) : 0
        #expect(width == 1100)
    }

    @Test("what people wrote is escaped: a name with markup is text on the page")
    func escapesNames() throws {
        let tmp = try TemporaryDirectory("report-escape")
        defer { tmp.remove() }
        let mbox = try tmp.write("evil.mbox", """
            From x Thu Jan  1 00:00:00 1970
            From: "<script>alert(1)</script> & \\"Co\\"" <evil@attack.example>
            To: dev@lists.example.org
            Date: Tue, 05 Mar 2019 10:00:00 +0000
            Message-ID: <e1@attack.example>
            Subject: <img src=x onerror=alert(2)>

            Hello <b>there</b>.

            """)
        let db = tmp.file("e.sqlite")
        _ = try CLIRun.run(["import", "--db", db, mbox])
        let report = try CLIRun.run(["report", "--html", "--db", db, "--title", "<i>title</i>"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(!report.stdout.contains("<script>") && !report.stdout.contains("<i>title") && !report.stdout.contains("<img"))
        #expect(report.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name, escaped")
        #expect(report.stdout.contains("&lt;i&gt;title&lt;/i&gt;"))
        let missing = try CLIRun.run(["report", "--db", db])
        #expect(missing.status != 0 && missing.stderr.contains("give --html"))

        // orgs --format html is the same page; the other reports have none.
        let orgs = try CLIRun.run(["orgs", "--format", "html", "--db", db, "--title", "<i>title</i>"])
        #expect(orgs.status == 0, "\(orgs.stderr)")
        #expect(orgs.stdout == report.stdout)
        for refused in [["people", "--format", "html"], ["health", "--format", "html"], ["orgs", "--format", "html", "--matrix"],
                        ["orgs", "--title", "t"]] {
            let run = try CLIRun.run(refused + ["--db", db])
            #expect(run.status == 64, "\(refused): \(run.stderr)")
        }
    }
}

/// Debian's chromium, where .ci/run installed it.
enum Chromium {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}
