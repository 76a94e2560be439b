import Foundation
import Testing
import ListLensIndex
import ListLensTestSupport

/// Line-level zoning against hand-labelled files (fixtures/quotes/zoning): each line of the reader
/// text of the seed and of the openbmc .eml files is authored, quoted, attribution, signature or
/// footer. The files hold line numbers and zones, not the corpora's words.
@Suite("Line zoning against hand-labelled files", .enabled(if: Fixtures.corpora != nil, "LISTLENS_CORPORA is not set: zoning figures skipped"))
struct ZoningTests {
    /// One labelled file: the message it labels, its line count, and the zone of each labelled line (1-based).
    struct Labels {
        var name: String
        var file: String
        var lineCount: Int
        var zones: [Int: String]

        init(_ url: URL) throws {
            name = url.deletingPathExtension().lastPathComponent
            file = ""
            lineCount = -1
            zones = [:]
            for raw in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
                let line = raw.trimmingCharacters(in: .whitespaces)
                guard !line.isEmpty, !line.hasPrefix("#") else { continue }
                let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw Failure("\(name): unreadable line '\(line)'") }
                switch parts[0] {
                case "file": file = parts[1]
                case "lines": lineCount = Int(parts[1]) ?? -1
                default:
                    let bounds = parts[0].split(separator: "-").compactMap { Int($0) }
                    guard let from = bounds.first, let to = bounds.last, from <= to, Self.zones.contains(parts[1]) else {
                        throw Failure("\(name): unreadable range '\(line)'")
                    }
                    for n in from...to {
                        guard zones[n] == nil else { throw Failure("\(name): line \(n) labelled twice") }
                        zones[n] = parts[1]
                    }
                }
            }
        }

        static let zones: Set<String> = ["authored", "quoted", "attribution", "signature", "footer"]
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    /// The zone a segment gives its lines: a quote's own signature or footer is still quoted text;
    /// a forwarded message's header introduces it, as an attribution does.
    static func zone(kind: String, depth: Int) -> String {
        switch kind {
        case "attribution", "forwarded": return "attribution"
        case "signature": return depth == 0 ? "signature" : "quoted"
        case "footer", "archive-note": return depth == 0 ? "footer" : "quoted"
        case "quoted": return "quoted"
        default: return depth == 0 ? "authored" : "quoted"
        }
    }

    /// A line without its `>` prefixes and the spaces around them: how a segment's line and the text's are compared.
    static func normalized<S: StringProtocol>(_ line: S) -> Substring {
        Substring(line.drop { $0 == ">" || $0 == " " || $0 == "\t" || $0 == "\u{A0}" }.trimmingCharacters(in: " \t\r"))
    }

    /// Each text line's zone by ListLens's segments (nil where no segment holds it): the segments'
    /// lines are the text's, in order, without prefixes.
    static func zones(of m: ExportedMessage) -> [String?] {
        let lines = m.text.split(separator: "\n", omittingEmptySubsequences: false)
        var out = [String?](repeating: nil, count: lines.count)
        var t = 0
        for segment in m.segments ?? [] {
            let zone = Self.zone(kind: segment.kind, depth: segment.depth)
            for line in segment.text.split(separator: "\n", omittingEmptySubsequences: false) {
                let want = normalized(line)
                guard !want.isEmpty else { continue }
                // The next text line with these words, within a bounded look-ahead.
                var k = t
                while k < lines.count, k < t + 64, normalized(lines[k]) != want { k += 1 }
                guard k < lines.count, k < t + 64 else { continue }
                out[k] = zone
                t = k + 1
            }
        }
        return out
    }

    @Test("the seed and the openbmc .eml files: at least 95% of their lines in the zone labelled by hand")
    func zoning() throws {
        let folder = URL(fileURLWithPath: Fixtures.path("quotes/zoning"))
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "zones" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        #expect(files.count == 31, "the seed and the 30 openbmc .eml files")
        var agree = 0, total = 0
        var confusion: [String: Int] = [:]
        let diagnose = ProcessInfo.processInfo.environment["LISTLENS_ZONING_DIAGNOSE"] != nil
        for url in files {
            let labels = try Labels(url)
            var messages: [ExportedMessage] = []
            try Inspector().inspect(path: Fixtures.corpora! + "/" + labels.file) { messages.append($0) }
            let m = try #require(messages.first, "\(labels.file) gives a message")
            let lines = m.text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == labels.lineCount, "\(labels.name): the reader text has \(lines.count) lines, the labels \(labels.lineCount): check the labels again")
            let ours = Self.zones(of: m)
            var fileAgree = 0, fileTotal = 0
            for (i, line) in lines.enumerated() where !Self.normalized(line).isEmpty {
                fileTotal += 1
                guard let expected = labels.zones[i + 1] else {
                    Issue.record("\(labels.name): line \(i + 1) has words but no label")
                    continue
                }
                let got = ours[i] ?? "none"
                if got == expected { fileAgree += 1 } else {
                    confusion["\(expected)→\(got)", default: 0] += 1
                    if diagnose { print("  \(labels.name):\(i + 1) \(expected)→\(got) | \(line.prefix(70))") }
                }
            }
            agree += fileAgree
            total += fileTotal
            print("zoning \(labels.name): \(fileAgree) of \(fileTotal) lines")
        }
        let share = Double(agree) / Double(max(total, 1))
        print("zoning: \(agree) of \(total) lines in the zone labelled by hand (\(String(format: "%.2f%%", 100 * share))); misses: "
              + confusion.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        #expect(total > 1_000)
        #expect(share >= 0.95)
    }
}
