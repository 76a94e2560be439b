import ListLensText

/// The MIME tree of one message, built with a work list (never recursion) under ``MIMELimits``.
public struct MIMETree: Sendable {
    public var parts: [MIMEPart]

    /// Builds the tree for a message whose top-level headers are `headers` and body is `body`.
    public static func build(bytes: [UInt8], headers: HeaderBlock, body: Range<Int>,
                             limits: MIMELimits = MIMELimits(), defects: inout [MailDefect]) -> MIMETree {
        var parts: [MIMEPart] = [makePart(headers: headers, depth: 0, body: body, parentType: nil)]
        var work: [Int] = [0]
        var reportedDepth = false, reportedCount = false
        while let index = work.popLast() {
            let part = parts[index]
            if part.contentType.value == "message/rfc822" || part.contentType.value == "message/global" {
                guard part.depth < limits.maxDepth else {
                    if !reportedDepth { defects.append(.mimeTooDeep); reportedDepth = true }
                    continue
                }
                if bytes[part.body].allSatisfy(\.isFWSByte) {
                    defects.append(.emptyEmbeddedMessage)
                    continue
                }
                // The embedded message is one child whose headers are its own.
                let (h, bodyStart) = HeaderBlock.parse(bytes[part.body], defects: &defects)
                parts.append(makePart(headers: h, depth: part.depth + 1, body: bodyStart..<part.body.upperBound, parentType: nil))
                parts[index].children = [parts.count - 1]
                work.append(parts.count - 1)
                continue
            }
            guard part.contentType.isMultipart else { continue }
            guard let boundary = part.contentType.parameters["boundary"], !boundary.isEmpty,
                  boundary.utf8.count <= limits.maxBoundaryLength else {
                defects.append(.missingBoundary)
                parts[index].contentType = .textPlain
                continue
            }
            guard part.depth < limits.maxDepth else {
                if !reportedDepth { defects.append(.mimeTooDeep); reportedDepth = true }
                continue
            }
            let (ranges, closed) = splitMultipart(bytes, part.body, boundary: Array(boundary.utf8))
            if ranges.isEmpty {
                defects.append(.startBoundaryNotFound)
                parts[index].contentType = .textPlain
                continue
            }
            if !closed { defects.append(.closeBoundaryNotFound) }
            var children: [Int] = []
            for r in ranges {
                guard parts.count < limits.maxParts else {
                    if !reportedCount { defects.append(.tooManyParts); reportedCount = true }
                    break
                }
                let (h, bodyStart) = HeaderBlock.parse(bytes[r], defects: &defects)
                parts.append(makePart(headers: h, depth: part.depth + 1, body: bodyStart..<r.upperBound,
                                      parentType: part.contentType.value))
                children.append(parts.count - 1)
            }
            parts[index].children = children
            // Push in reverse so children are visited in order (the order does not change results).
            work.append(contentsOf: children.reversed())
        }
        return MIMETree(parts: parts)
    }

    private static func makePart(headers: HeaderBlock, depth: Int, body: Range<Int>, parentType: String?) -> MIMEPart {
        var ct: ContentType
        if let f = headers.first("content-type") {
            ct = ContentType.parse(HeaderBlock.unfold(f.rawValue))
            if !ct.value.contains("/") { ct = .textPlain }
        } else {
            // RFC 2046 §5.1.5: parts of a multipart/digest default to message/rfc822.
            ct = parentType == "multipart/digest" ? ContentType(value: "message/rfc822") : .textPlain
        }
        let cte = headers.first("content-transfer-encoding").map {
            HeaderBlock.decodeRaw(HeaderBlock.unfold($0.rawValue)).text.lowercased().trimmingCharacters(in: " \t\"")
        } ?? "7bit"
        var disposition: String? = nil
        var filename: String? = nil
        if let d = headers.first("content-disposition") {
            let parsed = ContentType.parse(HeaderBlock.unfold(d.rawValue))
            disposition = parsed.value
            filename = parsed.parameters["filename"]
        }
        if filename == nil { filename = ct.parameters["name"] }
        return MIMEPart(contentType: ct, transferEncoding: cte, disposition: disposition, filename: filename,
                        depth: depth, body: body)
    }

    /// Body ranges between `--boundary` lines (RFC 2046 §5.1.1); whether `--boundary--` was seen.
    static func splitMultipart(_ bytes: [UInt8], _ range: Range<Int>, boundary: [UInt8]) -> ([Range<Int>], Bool) {
        var ranges: [Range<Int>] = []
        var partStart: Int? = nil
        var closed = false
        var lineStart = range.lowerBound
        let end = range.upperBound
        let dashBoundary = [UInt8(ascii: "-"), UInt8(ascii: "-")] + boundary
        while lineStart < end {
            let nl = bytes[lineStart..<end].firstIndex(of: .lf)
            let lineEnd = nl.map { $0 + 1 } ?? end
            if bytes[lineStart] == UInt8(ascii: "-"), lineEnd - lineStart >= dashBoundary.count,
               bytes[lineStart..<(lineStart + dashBoundary.count)].elementsEqual(dashBoundary) {
                var k = lineStart + dashBoundary.count
                let isClose = k + 1 < lineEnd && bytes[k] == UInt8(ascii: "-") && bytes[k + 1] == UInt8(ascii: "-")
                if isClose { k += 2 }
                // Only whitespace may follow the boundary on its line.
                var onlySpace = true
                var j = k
                while j < lineEnd { if !bytes[j].isFWSByte { onlySpace = false; break }; j += 1 }
                if onlySpace {
                    if let s = partStart {
                        // The line break before the boundary belongs to the boundary.
                        var e = lineStart
                        if e > s, bytes[e - 1] == .lf { e -= 1; if e > s, bytes[e - 1] == .cr { e -= 1 } }
                        ranges.append(s..<e)
                    }
                    if isClose { closed = true; break }
                    partStart = lineEnd
                }
            }
            lineStart = lineEnd
        }
        if !closed, let s = partStart { ranges.append(s..<end) }
        return (ranges, closed)
    }
}
