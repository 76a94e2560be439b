/// Undoes `format=flowed` (RFC 3676): soft-broken lines are joined back into paragraphs.
///
/// A line ending in a space continues on the next line of the same quote depth; with
/// `DelSp=yes` that space is removed. Space-stuffing (a leading space added by the sender) is undone.
/// The signature separator `-- ` is never joined.
public enum FormatFlowed {
    public static func unflow(_ text: String, delSp: Bool) -> String {
        var out: [String] = []
        var paragraph: String? = nil
        var paragraphDepth = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            var depth = 0
            while line.first == ">" { depth += 1; line = line.dropFirst() }
            if line.first == " " { line = line.dropFirst() }   // space-stuffing
            let isSignature = line == "-- "
            let soft = !isSignature && line.hasSuffix(" ")
            var content = String(line)
            if soft && delSp { content.removeLast() }
            if paragraph != nil, depth == paragraphDepth {
                paragraph!.append(content)   // in place: `p + content` copied the paragraph per line (quadratic)
            } else {
                if let p = paragraph { out.append(prefix(paragraphDepth) + p) }
                paragraph = content
                paragraphDepth = depth
            }
            if !soft {
                out.append(prefix(depth) + (paragraph ?? ""))
                paragraph = nil
            }
        }
        if let p = paragraph { out.append(prefix(paragraphDepth) + p) }
        return out.joined(separator: "\n")
    }

    private static func prefix(_ depth: Int) -> String {
        depth == 0 ? "" : String(repeating: ">", count: depth) + " "
    }
}
