import ListLensMail
import ListLensText

/// Splits a message's text into ``BodySegment``s: authored, quoted (with depth and attribution),
/// attribution, forwarded header, signature, list footer, archive note and elision.
///
/// Lines are classified in one pass, never by backtracking patterns (talon's idea of marking lines
/// first, without its regexes); lookahead is bounded to a few lines, so time is linear in the body.
/// - `>` prefixes give a line's depth (`> > x` and `>> x` are both 2).
/// - A header block (`From:` / `Sent:` …, in the languages ``AttributionParser`` reads) or a
///   `-----Original Message-----` line opens a quote without prefixes: the lines after it are one
///   level deeper, until a line with fewer `>` than the block had ends that quote's extent. So an
///   Outlook reply quoted inside a `>` quote ends where the `>` quote does, and the text after it
///   returns to the depth it interrupted.
/// - `On … X wrote:` (also wrapped over two or three lines) above a deeper quote is its attribution,
///   and every line of that quote carries it.
/// - `-- ` starts a signature at its depth; a disclaimer paragraph starts one at depth 0; mobile
///   tails and name closings end the sender's text (``SignatureRules``).
/// - Mailman's `___` footer is list text to the end of its paragraph; pipermail's `next part` note
///   is archive text to the end of the body.
/// - What an HTML body's markup said comes first (``TextMark``s, from ``HTMLText``): lines the client
///   marked as an attribution, a header block or a signature are one, whether or not their words are
///   ones the text rules know, and a `<blockquote cite="mid:…">` gives its quote the Message-ID.
/// - The footer learned for the message's list (``ListFooter``) is list text wherever its lines
///   appear in order, at the end of the body or quoted at any depth.
public enum QuoteSegmenter {
    /// Most `>` prefixes read from one line: further ones stay in the line's text, at this depth.
    /// A bound on work per line for hostile input; mail quotes a few levels deep.
    public static let maxQuotePrefixes = 64

    /// Most lines read as one header block.
    static let maxHeaderBlockLines = 16

    /// The segments of a body and whether a limit cut its structure.
    public struct Result: Sendable, Equatable {
        public var segments: [BodySegment]
        /// True when a line had more than ``QuoteSegmenter/maxQuotePrefixes`` `>` prefixes.
        public var quoteDepthLimited: Bool
    }

    public static func segments(of text: String, senderName: String? = nil, marks: [TextMark] = [],
                                footer: ListFooter? = nil) -> [BodySegment] {
        segment(text, senderName: senderName, marks: marks, footer: footer).segments
    }

    public static func segment(_ text: String, senderName: String? = nil, marks: [TextMark] = [], footer: ListFooter? = nil) -> Result {
        let body = Lines(text)
        var pass = Pass(body: body, marks: marks, footer: footer)
        pass.run()
        let segments = headerRunsAsAttributions(SignatureRules.splitTails(pass.builder.finish(), senderName: senderName))
        return Result(segments: segments, quoteDepthLimited: body.prefixLimitReached)
    }

    /// A quoted run made of header fields (`Sent:`, `To:`, `Cc:`, `Subject:`) is what is left of a
    /// header block a mailer's wrapping broke: an attribution, not words anyone wrote.
    static func headerRunsAsAttributions(_ segments: [BodySegment]) -> [BodySegment] {
        segments.map { s in
            // Broken header blocks are a few short lines; one test of the first bytes spares the rest.
            guard s.kind == .quoted, s.text.utf8.count <= 1_200, s.text.utf8.prefix(40).contains(UInt8(ascii: ":")) else { return s }
            let lines = s.text.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }
            guard lines.count >= 2 else { return s }
            let fields = lines.filter { AttributionParser.headerField($0) != nil }.count
            guard fields * 10 >= lines.count * 6 else { return s }
            var a = s
            a.kind = .attribution
            return a
        }
    }

    /// The state of one pass over a body.
    struct Pass {
        let body: Lines
        var builder: SegmentBuilder
        /// The prefix depths at which header blocks and marker lines opened quotes without prefixes, innermost last.
        var opened: [Int] = []
        /// `introduced[d]`: the attribution of the quote being read at depth `d`.
        var introduced: [Attribution?] = []
        /// The depth of the signature being read, if one is.
        var signatureDepth: Int? = nil
        var footer: (depth: Int, prefix: Int)? = nil
        var inArchiveNote = false
        /// The prefix depth of the last non-blank line.
        var lastPrefix = 0
        var afterBlank = true
        /// An indented quote (Outlook for Mac's four spaces under `On … wrote:`): its prefix depth and
        /// the entry of ``opened`` it added.
        var indentQuote: (prefix: Int, level: Int)? = nil
        /// A marker line just read: a header block right after it belongs to it.
        var pendingMarker: PendingMarker? = nil
        /// The roles the HTML gave lines (``TextMark``) and the list's footer takes, and the Message-IDs
        /// the HTML's blockquotes cite, by line.
        var roles: [Int: LineRole] = [:]
        var cites: [Int: String] = [:]

        enum LineRole { case attribution, headerBlock, signature, footer }

        struct PendingMarker {
            var prefix: Int
            var lineDepth: Int
            var quoteDepth: Int
            var attribution: Attribution
            var kind: BodySegment.Kind
            /// True when the marker opened a quote without prefixes: its header lines stay at its depth.
            var opened: Bool
        }

        /// Most lines from an attribution to the quote it introduces (clients leave up to four blank lines).
        static let attributionGap = 6

        init(body: Lines, marks: [TextMark] = [], footer: ListFooter? = nil) {
            self.body = body
            self.builder = SegmentBuilder(body: body)
            for m in marks where m.line < body.count {
                switch m.role {
                case .cite: if let id = m.value { cites[m.line] = id }
                case .attribution: roles[m.line] = .attribution
                case .headerBlock: roles[m.line] = .headerBlock
                case .signature: roles[m.line] = .signature
                }
            }
            if let footer { markFooters(footer) }
        }

        /// Gives every run of lines that reads as `footer`, in order at one `>` depth (blank lines
        /// between allowed), the footer role. A line is normalized only when its first byte could
        /// start the footer's first line (one byte test for most lines), and at most once.
        mutating func markFooters(_ footer: ListFooter) {
            let first = footer.lines[0]
            guard let initial = first.utf8.first else { return }
            var memo: [Int: String?] = [:]
            func normalized(_ i: Int) -> String? {
                if let known = memo[i] { return known }
                let n = body.blank[i] ? nil : body.testable(i).flatMap { ListFooter.normalize($0) }
                memo[i] = n
                return n
            }
            var i = 0
            while i < body.count {
                let r = body.content[i]
                var a = r.lowerBound
                while a < r.upperBound, body.bytes[a] == 0x20 || body.bytes[a] == 0x09 { a += 1 }
                guard a < r.upperBound else { i += 1; continue }
                let folded = ListFooter.fold(body.bytes[a])
                guard folded == initial || (initial == UInt8(ascii: "*")), normalized(i) == first else { i += 1; continue }
                var j = i + 1, matched = 1, gap = 0
                while matched < footer.lines.count, j < body.count, body.prefix[j] == body.prefix[i] {
                    if body.blank[j] {
                        gap += 1
                        guard gap <= Self.maxFooterGap else { break }
                        j += 1
                        continue
                    }
                    gap = 0
                    guard normalized(j) == footer.lines[matched] else { break }
                    matched += 1
                    j += 1
                }
                if matched == footer.lines.count {
                    for k in i..<j where !body.blank[k] { roles[k] = .footer }
                    i = j
                } else {
                    i += 1
                }
            }
        }

        mutating func introduce(_ depth: Int, _ a: Attribution?) {
            guard depth >= 0 else { return }
            if introduced.count <= depth { introduced.append(contentsOf: repeatElement(nil, count: depth + 1 - introduced.count)) }
            var a = a
            if let old = introduced[depth], old.form == .cite, a != nil, a?.messageID == nil {
                a?.messageID = old.messageID   // `On … wrote:` inside a cited blockquote (Apple Mail): the cite is its id
            }
            introduced[depth] = a
            if introduced.count > depth + 1 { introduced.removeSubrange((depth + 1)...) }
        }

        func attribution(at depth: Int) -> Attribution? { depth < introduced.count ? introduced[depth] : nil }

        /// The effective depth of a later line, counting the quotes opened at or above its prefix.
        func depth(ofLine j: Int) -> Int {
            let p = body.prefix[j]
            return p + opened.filter { $0 <= p }.count
        }

        mutating func run() {
            var i = 0
            while i < body.count {
                i = step(i)
            }
        }

        /// Classifies line `i` (and any lines that belong with it); returns the next line to read.
        mutating func step(_ i: Int) -> Int {
            let p = body.prefix[i]
            if inArchiveNote {
                if footer == nil, body.isFooterStart(i) { footer = (0, 0) }
                builder.emit(footer == nil ? .archiveNote : .footer, 0, i)
                return i + 1
            }
            if body.isArchiveNoteStart(i) {
                inArchiveNote = true
                footer = nil
                builder.emit(.archiveNote, 0, i)
                return i + 1
            }
            if body.blank[i] {
                if footer != nil { footer = nil }
                builder.emitBlank(i)
                afterBlank = true
                return i + 1
            }
            defer {
                lastPrefix = p
                afterBlank = false
            }
            if let iq = indentQuote, p < iq.prefix || (p == iq.prefix && body.quoteIndent(i) == 0) {
                // A line back at the margin ends the indented quote.
                opened.removeSubrange(min(iq.level - 1, opened.count)...)
                indentQuote = nil
            }
            while let o = opened.last, p < o { opened.removeLast() }
            if let iq = indentQuote, iq.level > opened.count { indentQuote = nil }
            let total = p + opened.count
            let skip = indentQuote.map { p == $0.prefix ? body.quoteIndent(i) : 0 } ?? 0
            if let id = cites[i] { cite(id, depth: total) }
            if let role = roles[i] { return marked(role, i, total: total) }
            if let f = footer {
                if f.prefix == p { builder.emit(.footer, f.depth, i); return i + 1 }
                footer = nil
            }
            if body.isFooterStart(i) {
                footer = (total, p)
                signatureDepth = nil
                builder.emit(.footer, total, i)
                return i + 1
            }
            if let s = signatureDepth, s != total { signatureDepth = nil }
            if body.isSignatureSeparator(i) {
                signatureDepth = total
                pendingMarker = nil
                builder.emit(.signature, total, i)   // the separator opens the signature's text, as it does in the body
                return i + 1
            }
            if let next = marker(i, p: p, total: total) { return next }
            if let next = headerBlock(i, p: p, total: total) { return next }
            pendingMarker = nil
            if let next = replyLine(i, p: p, total: total) { return next }
            if body.isElision(i) {
                // `[...]` between or after quoted lines elides part of that quote: it belongs there.
                var d = total
                if total == 0 {
                    let before = builder.currentKind == .quoted ? (builder.currentDepth ?? 0) : 0
                    let after = body.nextNonBlank(from: i + 1).map(depth(ofLine:)) ?? 0
                    d = before > 0 && after > 0 ? min(before, after) : max(before, after)
                }
                if d == 0 { builder.emit(.authored, 0, i) } else { builder.emit(.elision, d, i) }
                return i + 1
            }
            if signatureDepth == total {
                builder.emit(.signature, total, i)
                return i + 1
            }
            if total == 0, afterBlank, body.mayOpenDisclaimer(i), let s = body.testable(i), SignatureRules.isDisclaimerStart(s) {
                signatureDepth = 0
                builder.emit(.signature, 0, i)
                return i + 1
            }
            if total == 0 {
                builder.emit(.authored, 0, i)
            } else {
                builder.emit(.quoted, total, i, attribution(at: total), skip: skip)
            }
            return i + 1
        }

        /// A blockquote citing `id` starts at `depth`: the attribution just read above it gets the id,
        /// else the quote is attributed by the id alone.
        mutating func cite(_ id: String, depth: Int) {
            if builder.currentKind == .attribution, var a = attribution(at: depth), a.messageID == nil {
                a.messageID = id
                if builder.currentAttribution == attribution(at: depth) { builder.replaceAttribution(a) }
                introduced[depth] = a
            } else {
                introduce(depth, Attribution(form: .cite, messageID: id))
            }
        }

        /// Most lines read as one marked attribution or header block: HTML gives a few.
        static let maxMarkedBlockLines = 32
        /// Most blank lines between two lines of one footer.
        static let maxFooterGap = 2
        /// Most lines of a marked attribution element that are its attribution (`On …` / `<a@b>` / `wrote:`).
        static let maxMarkedAttributionLines = 3

        /// Lines the HTML marked (``TextMark/Role``) or the list's footer took, from `i`, with the blank lines between them.
        mutating func marked(_ role: LineRole, _ i: Int, total: Int) -> Int {
            var end = i + 1
            while end < body.count, role == .signature || role == .footer || end - i < Self.maxMarkedBlockLines {
                if roles[end] == role, body.prefix[end] == body.prefix[i] { end += 1; continue }
                if body.blank[end], let j = body.nextNonBlank(from: end + 1), roles[j] == role, body.prefix[j] == body.prefix[i] { end = j; continue }
                break
            }
            pendingMarker = nil
            switch role {
            case .signature, .footer:
                signatureDepth = nil
                let kind: BodySegment.Kind = role == .footer ? .footer : .signature
                for k in i..<end { if body.blank[k] { builder.emitBlank(k) } else { builder.emit(kind, total, k) } }
                return end
            case .headerBlock:
                // Outlook's block: its fields say who and when; the quote under it is one level deeper
                // (the converter gave it a `>` level), whatever the labels' language.
                var a = Attribution(form: .headerBlock)
                for k in i..<end where !body.blank[k] {
                    if let f = body.headerField(k) { AttributionParser.read(f, into: &a) }
                }
                emitAttribution(i..<end, total, a)
                introduce(total + 1, a)
            case .attribution:
                // Gmail's `gmail_attr`, Thunderbird's `moz-cite-prefix`: an attribution whatever it says,
                // but only its last lines. Thunderbird leaves a reply typed above the quote inside the
                // prefix element, and Gmail puts a forward's marker and header there: those lines go to
                // the text rules, as if unmarked.
                if let s = body.testable(i), AttributionParser.marker(s) != nil {
                    for k in i..<end { roles[k] = nil }
                    return i
                }
                let lines = (i..<end).filter { !body.blank[$0] }
                var start = lines.count <= Self.maxMarkedAttributionLines ? i : lines[lines.count - 1]
                var a = Attribution(form: .replyLine)
                for n in 1...min(lines.count, Self.maxMarkedAttributionLines) {
                    var joined = ""
                    for k in lines.suffix(n) {
                        guard let s = body.testable(k) else { continue }
                        joined += (joined.isEmpty || joined.hasSuffix("<") ? "" : " ") + s.trimmingCharacters(in: " \t\r\u{A0}")
                    }
                    if let parsed = AttributionParser.replyLine(joined[...]) {
                        a = parsed
                        start = lines[lines.count - n]
                        break
                    }
                }
                if start > i {
                    for k in i..<start { roles[k] = nil }
                    roles[start] = .attribution
                    return i
                }
                emitAttribution(i..<end, total, a)
                let next = body.nextNonBlank(from: end, limit: Self.attributionGap)
                introduce(next.map { body.prefix[$0] > body.prefix[i] ? depth(ofLine: $0) : total + 1 } ?? total + 1, a)
            }
            signatureDepth = nil
            return end
        }

        mutating func emitAttribution(_ lines: Range<Int>, _ depth: Int, _ a: Attribution) {
            for k in lines { if body.blank[k] { builder.emitBlank(k) } else { builder.emit(.attribution, depth, k, a) } }
        }

        /// True when line `i` starts a quote at prefix `p` (the line before it at a shallower prefix).
        func isFirstInQuote(_ p: Int) -> Bool { p > 0 && lastPrefix < p }

        /// `-----Original Message-----`, `---------- Forwarded message ---------`, `Begin forwarded message:`.
        /// As the first line of a `>` quote it introduces that quote, one level up; otherwise the lines
        /// after it are one level deeper (by their own `>`, or by the quote it opens).
        mutating func marker(_ i: Int, p: Int, total: Int) -> Int? {
            guard let e = body.edges(i), e.first == UInt8(ascii: "-") || e.last == UInt8(ascii: ":") || e.last == 0x9A,
                  let s = body.testable(i), let form = AttributionParser.marker(s) else { return nil }
            let kind: BodySegment.Kind = form == .forwarded ? .forwarded : .attribution
            let a = Attribution(form: form)
            let first = isFirstInQuote(p)
            let nextDeeper = body.nextNonBlank(from: i + 1).map { body.prefix[$0] > p } ?? false
            let opens = !first && !nextDeeper
            let lineDepth = first ? total - 1 : total
            signatureDepth = nil
            builder.emit(kind, lineDepth, i, a)
            if opens { opened.append(p) }
            let quoteDepth = first ? total : total + 1
            introduce(quoteDepth, a)
            pendingMarker = PendingMarker(prefix: p, lineDepth: lineDepth, quoteDepth: quoteDepth, attribution: a, kind: kind, opened: opens)
            return i + 1
        }

        /// Outlook's `From:` / `Sent:` / `To:` / `Subject:` block (with the rule line above it, wrapped
        /// values and blank lines between fields), or the fields after a marker line.
        mutating func headerBlock(_ i: Int, p: Int, total: Int) -> Int? {
            var start = i
            if pendingMarker == nil, body.isRule(i) {
                // Outlook's `________________________________` or ` ---------` above the block.
                guard let j = body.nextNonBlank(from: i + 1), body.prefix[j] == p, body.isHeaderBlockStart(j) else { return nil }
                start = j
            } else if pendingMarker != nil ? body.headerField(i) == nil : !body.isHeaderBlockStart(i) {
                return nil
            }
            var a = pendingMarker?.attribution ?? Attribution(form: .headerBlock)
            var end = start
            var lastKey: AttributionParser.HeaderKey? = nil
            var wraps = 0
            while end < body.count, end - start < maxHeaderBlockLines, body.prefix[end] == p {
                if body.blank[end] {
                    guard let j = body.nextNonBlank(from: end + 1), body.prefix[j] == p, body.headerField(j) != nil else { break }
                    end += 1
                    continue
                }
                if let f = body.headerField(end) {
                    AttributionParser.read(f, into: &a)
                    lastKey = f.key
                    wraps = 0
                } else if let k = lastKey, wraps < 2, !body.blank[end - 1], let s = body.testable(end) {
                    // A value wrapped onto the next line: `Subject: a very long` / `subject`.
                    let more = s.trimmingCharacters(in: " \t\r\u{A0}")
                    let joiner = (k == .from && (a.from?.hasSuffix("<") ?? false)) ? "" : " "
                    switch k {
                    case .from: a.from = a.from.map { $0 + joiner + more } ?? more
                    case .subject: a.subject = a.subject.map { $0 + " " + more } ?? more
                    case .date: a.date = a.date.map { $0 + " " + more } ?? more
                    case .to, .cc, .replyTo: break
                    }
                    wraps += 1
                } else {
                    break
                }
                end += 1
            }
            let kind: BodySegment.Kind = pendingMarker?.kind ?? .attribution
            var blockDepth = total
            if let m = pendingMarker {
                builder.replaceAttribution(a)   // the marker's segment is the one being built: blank lines only came between
                if m.prefix == p, m.opened { blockDepth = m.lineDepth }
            }
            for k in i..<end {
                if body.blank[k] { builder.emitBlank(k) } else { builder.emit(kind, blockDepth, k, a) }
            }
            signatureDepth = nil
            if let m = pendingMarker {
                introduce(m.quoteDepth, a)
            } else {
                let nextDeeper = body.nextNonBlank(from: end).map { body.prefix[$0] > p } ?? false
                let opens = !isFirstInQuote(p) && !nextDeeper
                if opens { opened.append(p) }
                introduce(opens || nextDeeper ? total + 1 : total, a)
            }
            pendingMarker = nil
            return end
        }

        /// `On … X wrote:` above a deeper quote, on one line or wrapped over up to three.
        mutating func replyLine(_ i: Int, p: Int, total: Int) -> Int? {
            guard body.edges(i) != nil else { return nil }
            // Byte tests first: an attribution is followed by what it introduces (a deeper quote, the
            // rest of the quote it opens, an indented quote); only then is the line parsed.
            // Inside a quote, a line followed by more of the same quote is an attribution only as the
            // quote's first line (Apple Mail) or right under a header block (flattened HTML).
            let opensOwnQuote = total > 0 && (isFirstInQuote(p) || builder.currentKind == .attribution || builder.currentKind == .forwarded)
            func introducesSomething(after end: Int) -> Bool {
                guard let next = body.nextNonBlank(from: end, limit: Self.attributionGap) else { return false }
                return body.prefix[next] > p || (opensOwnQuote && body.prefix[next] == p) || body.rawIndent(next) > 0
            }
            func endsLikeAttribution(_ j: Int) -> Bool {
                guard let last = body.edges(j)?.last else { return false }
                if last == UInt8(ascii: ">") { return body.bytes[body.content[j]].contains(UInt8(ascii: "@")) }   // `2009/5/12 Ann <a@b>`
                return last == UInt8(ascii: ":") || last == 0x9A
            }
            var found: (attribution: Attribution, end: Int)? = nil
            if endsLikeAttribution(i), introducesSomething(after: i + 1), let s = body.testable(i), let a = AttributionParser.replyLine(s) {
                found = (a, i + 1)
            }
            if found == nil, body.content[i].count <= 200, body.startsLikeReplyLine(i),
               (i + 1..<min(i + 3, body.count)).contains(where: { body.prefix[$0] == p && endsLikeAttribution($0) && introducesSomething(after: $0 + 1) }),
               var joined = body.testable(i).map(String.init) {
                // `On Dec 16, 2011, at 12:47 PM, Corey Donohoe` / `<reply@reply.github.com>` / `wrote:`
                var j = i + 1
                while found == nil, j < body.count, j <= i + 2, body.prefix[j] == p, !body.blank[j],
                      body.content[j].count <= 200, let s = body.testable(j) {
                    // A line that is a whole attribution by itself, its date included, is one: the lines
                    // above it are not its start (`<a@b> wrote:` alone is the end of a wrapped one).
                    if endsLikeAttribution(j), AttributionParser.replyLine(s)?.date != nil {
                        // Two attributions stacked (`On … Patrick wrote:` / `On … Mike wrote:`, the second
                        // flattened out of the quote it headed): the first is one too.
                        if endsLikeAttribution(i), let t = body.testable(i), let a = AttributionParser.replyLine(t) {
                            builder.emit(.attribution, total, i, a)
                            return i + 1
                        }
                        break
                    }
                    joined += (joined.hasSuffix("<") ? "" : " ") + s.trimmingCharacters(in: " \t\r\u{A0}")
                    if let last = joined.last, last == ":" || last == "：", let a = AttributionParser.replyLine(joined[...]) {
                        found = (a, j + 1)
                    }
                    j += 1
                }
            }
            guard let (a, end) = found, let next = body.nextNonBlank(from: end, limit: Self.attributionGap) else { return nil }
            let nextPrefix = body.prefix[next]
            if nextPrefix >= p, indentQuote == nil, body.rawIndent(next) > 0, body.rawIndent(i) == 0, a.address != nil {
                // Outlook for Mac quotes by indenting four spaces under the attribution (which names the
                // sender's address: `On 1/14/20, 2:53 AM, "X" <x@y> wrote:`; an indented code line under
                // `On your remote host you can run:` is not a quote).
                for k in i..<end { builder.emit(.attribution, total, k, a) }
                opened.append(p)
                indentQuote = (p, opened.count)
                introduce(total + 1, a)
                return end
            }
            if nextPrefix > p {
                // Above a deeper quote: it introduces that quote, at the depth it sits in.
                for k in i..<end { builder.emit(.attribution, total, k, a) }
                introduce(depth(ofLine: next), a)
                return end
            }
            if total > 0, nextPrefix == p, builder.currentKind == .attribution || builder.currentKind == .forwarded {
                // `On … wrote:` right under a header block: the quoted message's own attribution of what it
                // quoted, flattened into it (a plain part made from HTML). Its quote stays the block's.
                for k in i..<end { builder.emit(.attribution, total, k, a) }
                return end
            }
            if total > 0, nextPrefix == p, !(builder.currentKind == .quoted && (builder.currentDepth ?? 0) >= total) {
                // Apple Mail and Yahoo put `On … wrote:` inside the quote, as its first line: it introduces
                // the quote, so it is an attribution one level up.
                for k in i..<end { builder.emit(.attribution, total - 1, k, a) }
                introduce(total, a)
                return end
            }
            return nil
        }
    }
}
