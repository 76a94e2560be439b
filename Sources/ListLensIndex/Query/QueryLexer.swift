/// Splits query text into terms and operators for ``SearchQuery/parse(_:)``, each with its
/// character offset (from 0) for errors.
///
/// - `"…"` is a phrase; `word*` a prefix; `field:value` and `field:"…"` a field's term, for the
///   fields of ``QueryField/named`` only (any other `name:` is text: `http://twistedmatrix.com`).
/// - `OR`, `AND` and `NOT`, in capitals, are operators (lower case, they are words); `-` before a
///   term or a parenthesis is `NOT`; a `-` alone is nothing.
/// - `(` opens a group; `)` closes one, and is part of a word when no group is open.
enum QueryLexer {
    enum Token: Equatable {
        case term(QueryNode)
        case and, or, not, open, close

        /// How errors name it.
        var name: String {
            switch self {
            case .term: "a term"
            case .and: "AND"
            case .or: "OR"
            case .not: "NOT"
            case .open: "'('"
            case .close: "')'"
            }
        }
    }

    static func tokens(_ text: String) throws(QueryParseError) -> [(token: Token, at: Int)] {
        let chars = Array(text)
        var out: [(token: Token, at: Int)] = []
        var i = 0, open = 0
        func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" }
        /// The index after the quote closing the one at `quote`.
        func closing(_ quote: Int) throws(QueryParseError) -> Int {
            var j = quote + 1
            while j < chars.count, chars[j] != "\"" { j += 1 }
            guard j < chars.count else { throw QueryParseError("unclosed quote", at: quote) }
            return j
        }
        while i < chars.count {
            let c = chars[i]
            if isSpace(c) { i += 1; continue }
            let start = i
            if c == "(" {
                out.append((.open, start)); open += 1; i += 1; continue
            }
            if c == ")", open > 0 {
                out.append((.close, start)); open -= 1; i += 1; continue
            }
            if c == "-" {
                // Before a term or a group, a negation; alone, nothing.
                if i + 1 < chars.count, !isSpace(chars[i + 1]) { out.append((.not, start)) }
                i += 1
                continue
            }
            if c == "\"" {
                let end = try closing(i)
                let value = String(chars[(i + 1)..<end])
                i = end + 1
                if !value.isEmpty { out.append((.term(.term(.text, .phrase(value))), start)) }
                continue
            }
            // A word: up to a space, or a `)` closing an open group.
            var end = i
            while end < chars.count, !isSpace(chars[end]), !(chars[end] == ")" && open > 0) { end += 1 }
            let word = String(chars[i..<end])
            switch word {
            case "OR": out.append((.or, start)); i = end; continue
            case "AND": out.append((.and, start)); i = end; continue
            case "NOT": out.append((.not, start)); i = end; continue
            default: break
            }
            // The colon found among the characters themselves (a String made of some of them may
            // group them into characters differently: regional indicators, combining marks).
            var colon = i
            while colon < end, chars[colon] != ":" { colon += 1 }
            if colon < end, let field = QueryField.named.first(where: { $0.name == String(chars[i..<colon]).lowercased() }) {
                let valueStart = colon + 1
                let value: String, isPhrase: Bool
                if valueStart < chars.count, chars[valueStart] == "\"" {
                    let close = try closing(valueStart)
                    value = String(chars[(valueStart + 1)..<close])
                    isPhrase = true
                    i = close + 1
                } else {
                    value = String(chars[valueStart..<end])
                    isPhrase = false
                    i = end
                }
                guard !value.isEmpty else { throw QueryParseError("'\(field.name):' needs a value", at: start) }
                let term = try Self.term(field, value, isPhrase: isPhrase, at: valueStart)
                out.append((.term(.term(field, term)), start))
                continue
            }
            out.append((.term(.term(.text, Self.word(word))), start))
            i = end
        }
        return out
    }

    /// A field's value as its kind reads it. Outside the text fields a `*` is part of the value
    /// (`from:pri*` is a sender containing `pri*`).
    static func term(_ field: QueryField, _ value: String, isPhrase: Bool, at position: Int) throws(QueryParseError) -> QueryTerm {
        switch field.kind {
        case .text:
            return isPhrase ? .phrase(value) : word(value)
        case .value:
            return isPhrase ? .phrase(value) : .word(value)
        case .flag:
            guard field.flags.contains(value.lowercased()) else {
                throw QueryParseError("unknown \(field.name): value '\(value)' (\(field.flags.joined(separator: ", ")))", at: position)
            }
            return .word(value.lowercased())
        case .date:
            func date(_ text: Substring, at offset: Int) throws(QueryParseError) -> String {
                guard QueryDate(String(text)) != nil else {
                    throw QueryParseError("'\(text)' is not a date (YYYY, YYYY-MM, YYYY-MM-DD, or 30d, 2w, 6m, 1y ago)", at: position + offset)
                }
                return String(text)
            }
            guard let dots = value.range(of: "..") else {
                let d = try date(value[...], at: 0)
                // after: and before: take one date; `date:2017` is all of 2017, `date:30d` the last 30 days.
                guard field == .date else { return .word(d) }
                if case .ago? = QueryDate(d) { return .range(lower: d, upper: nil) }
                return .range(lower: d, upper: d)
            }
            guard field == .date else { throw QueryParseError("'\(field.name):' takes one date, not a range (use date:)", at: position) }
            let lower = value[..<dots.lowerBound], upper = value[dots.upperBound...]
            guard !lower.isEmpty || !upper.isEmpty else { throw QueryParseError("a range needs a date on one side at least", at: position) }
            return .range(lower: lower.isEmpty ? nil : try date(lower, at: 0),
                          upper: upper.isEmpty ? nil : try date(upper, at: value.distance(from: value.startIndex, to: dots.upperBound)))
        }
    }

    /// A word, or a prefix when it ends with `*`.
    static func word(_ value: String) -> QueryTerm {
        value.hasSuffix("*") && value.count > 1 ? .prefix(String(value.dropLast())) : .word(value)
    }
}
