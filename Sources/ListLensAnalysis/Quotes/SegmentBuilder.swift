/// Gathers classified lines into ``BodySegment``s: consecutive lines with one kind, depth and
/// attribution make one segment; blank lines at a segment's ends are dropped.
struct SegmentBuilder {
    let body: Lines
    private(set) var segments: [BodySegment] = []
    private var current: (kind: BodySegment.Kind, depth: Int, attribution: Attribution?, lines: [Int])?
    /// Bytes to leave out at the start of a line's content: the indentation of an indented quote.
    private var skips: [Int: Int] = [:]

    init(body: Lines) { self.body = body }

    var currentKind: BodySegment.Kind? { current?.kind }
    var currentDepth: Int? { current?.depth }
    var currentAttribution: Attribution? { current?.attribution }

    /// Adds line `i` (its content, without `>` prefixes) to the segment it belongs to.
    mutating func emit(_ kind: BodySegment.Kind, _ depth: Int, _ i: Int, _ attribution: Attribution? = nil, skip: Int = 0) {
        if skip > 0 { skips[i] = skip }
        // Compare the fields without binding `current`: a bound copy would hold a second reference
        // to `lines`, and every append would then copy the whole array (quadratic in debug builds).
        if current?.kind == kind, current?.depth == depth, current?.attribution == attribution {
            current?.lines.append(i)
            return
        }
        flush()
        current = (kind, depth, attribution, [i])
    }

    /// A blank line stays with the segment it sits in.
    mutating func emitBlank(_ i: Int) {
        current?.lines.append(i)
    }

    /// What the segment being built says of its quote, as a header block read after its marker line.
    mutating func replaceAttribution(_ attribution: Attribution) {
        current?.attribution = attribution
    }

    mutating func flush() {
        guard let c = current else { return }
        current = nil
        var ls = c.lines[...]
        while let l = ls.last, body.blank[l] { ls = ls.dropLast() }
        while let f = ls.first, body.blank[f] { ls = ls.dropFirst() }
        guard !ls.isEmpty else { return }
        var out: [UInt8] = []
        for (k, l) in ls.enumerated() {
            if k > 0 { out.append(0x0A) }
            let r = body.content[l]
            out.append(contentsOf: body.bytes[min(r.lowerBound + (skips[l] ?? 0), r.upperBound)..<r.upperBound])
        }
        segments.append(BodySegment(kind: c.kind, depth: c.depth, text: String(decoding: out, as: UTF8.self), attribution: c.attribution))
    }

    mutating func finish() -> [BodySegment] {
        flush()
        return segments
    }
}
