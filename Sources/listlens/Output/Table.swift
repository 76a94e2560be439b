import ListLensText

/// Plain-text tables and CSV for reports.
struct Table {
    var headers: [String]
    var rows: [[String]]
    /// Columns aligned right (numbers).
    var rightAligned: Set<Int> = []

    func renderText() -> [String] {
        var widths = headers.map(\.count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let pad = String(repeating: " ", count: widths[i] - c.count)
                return rightAligned.contains(i) ? pad + c : c + pad
            }.joined(separator: "  ").trimmingTrailingSpace()
        }
        return [line(headers), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)
    }

    func renderCSV() -> [String] {
        ([headers] + rows).map { $0.map(Self.csvField).joined(separator: ",") }
    }

    /// RFC 4180 quoting; cells starting with =, +, - or @ are prefixed with ' so spreadsheets do not run them.
    static func csvField(_ s: String) -> String {
        var v = s
        if let f = v.first, "=+-@".contains(f), Double(v) == nil { v = "'" + v }
        // Bytes, not Foundation's string search: a CSV of every person on a large store has a
        // million fields, and that search took most of its time.
        if v.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) {
            return "\"" + v.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        }
        return v
    }
}
