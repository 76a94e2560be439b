import Testing
import ListLensIndex
@testable import ListLensSQLite
import ListLensTestSupport

@Suite("Query syntax tree: parser, errors with positions, FTS5 compiler")
struct QueryTests {
    @Test("today's language parses to a conjunction of field terms")
    func tree() throws {
        let q = try SearchQuery.parse(#"from:glyph deferred "inline callbacks" errback* quoted:charter"#)
        #expect(q.root == .and([
            .term(.from, .word("glyph")), .term(.text, .word("deferred")), .term(.text, .phrase("inline callbacks")),
            .term(.text, .prefix("errback")), .term(.quoted, .word("charter")),
        ]))
        #expect(try SearchQuery.parse("quota").root == .term(.text, .word("quota")))
        #expect(try SearchQuery.parse("  ").root == nil)
        #expect(try SearchQuery.parse(#"from:"Priya R""#).root == .term(.from, .phrase("Priya R")))
        // A `*` is literal in from: (a substring of the sender), as it always was.
        #expect(try SearchQuery.parse("from:pri*").root == .term(.from, .word("pri*")))
    }

    /// Shorthands for the trees below.
    static func w(_ s: String) -> QueryNode { .term(.text, .word(s)) }

    @Test("OR binds looser than side by side, NOT and - negate, parentheses group, capitals only")
    func operators() throws {
        let (a, b, c) = (Self.w("a"), Self.w("b"), Self.w("c"))
        let cases: [(String, QueryNode)] = [
            ("a OR b", .or([a, b])),
            ("a b OR c", .or([.and([a, b]), c])),
            ("a OR b c", .or([a, .and([b, c])])),
            ("a OR b OR c", .or([a, b, c])),
            ("a (b OR c)", .and([a, .or([b, c])])),
            ("(a OR b) (c)", .and([.or([a, b]), c])),
            ("a AND b", .and([a, b])),
            ("-a b", .and([.not(a), b])),
            ("a NOT b", .and([a, .not(b)])),
            ("a AND NOT b", .and([a, .not(b)])),
            ("NOT (a OR b)", .not(.or([a, b]))),
            ("-(a b)", .not(.and([a, b]))),
            ("NOT NOT a", a),
            ("NOT a OR b", .or([.not(a), b])),
            ("-from:glyph a", .and([.not(.term(.from, .word("glyph"))), a])),
            ("((a))", a),
            // Lower case, they are words; a `-` alone is nothing; a `)` with no group open is text.
            ("a or b", .and([a, Self.w("or"), b])),
            ("a - b", .and([a, b])),
            ("a)", Self.w("a)")),
            ("well-known", Self.w("well-known")),
        ]
        for (text, tree) in cases {
            #expect(try SearchQuery.parse(text).root == tree, "\(text)")
        }
    }

    @Test("only the known fields are fields: any other name: is searched as text")
    func unknownFieldsAreText() throws {
        #expect(try SearchQuery.parse("subjectx:foo").root == Self.w("subjectx:foo"))
        #expect(try SearchQuery.parse("http://twistedmatrix.com").root == Self.w("http://twistedmatrix.com"))
        #expect(try SearchQuery.parse("exceptions.AttributeError: NoneType").root
                == .and([Self.w("exceptions.AttributeError:"), Self.w("NoneType")]))
        #expect(try SearchQuery.parse("FROM:glyph Quoted:charter").root
                == .and([.term(.from, .word("glyph")), .term(.quoted, .word("charter"))]))
        // Searched as text, such a term is one FTS5 string: its words in order.
        let c = try FTS5QueryCompiler().compile(try #require(try SearchQuery.parse("http://twistedmatrix.com").root))
        #expect(c.match == #"{subject authored_text}: ("http://twistedmatrix.com")"#)
    }

    @Test("any text parses or fails with a position inside it: seeded random queries of the syntax's characters")
    func randomText() {
        // Operators, quotes, fields, parentheses, and characters that group differently when cut
        // (regional indicators, a combining mark).
        let pieces = ["a", "bc", " ", " ", "(", ")", "\"", "-", "*", ":", "from:", "quoted:", "OR", "AND", "NOT", "x:y",
                      "🇺", "🇸", "\u{301}", "é", "\t", "or"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for _ in 0..<20_000 {
            let text = (0..<(next() % 16)).map { _ in pieces[next() % pieces.count] }.joined()
            do {
                _ = try SearchQuery.parse(text)
            } catch {
                #expect(error.position >= 0 && error.position <= text.count, "\(text.debugDescription): \(error)")
            }
        }
    }

    @Test("a query has limits on its terms and its parentheses")
    func limits() throws {
        let many = (0...SearchQuery.maxTerms).map { "w\($0)" }.joined(separator: " ")
        #expect(throws: QueryParseError("more than \(SearchQuery.maxTerms) terms", at: many.count - 4)) { try SearchQuery.parse(many) }
        let deep = String(repeating: "(", count: SearchQuery.maxDepth + 1) + "a" + String(repeating: ")", count: SearchQuery.maxDepth + 1)
        #expect(throws: QueryParseError("parentheses nested deeper than \(SearchQuery.maxDepth)", at: SearchQuery.maxDepth)) { try SearchQuery.parse(deep) }
        let fine = String(repeating: "(", count: SearchQuery.maxDepth) + "a" + String(repeating: ")", count: SearchQuery.maxDepth)
        #expect(try SearchQuery.parse(fine).root == Self.w("a"))
    }

    @Test("errors say what is wrong and where", arguments: [
        (#"quota "per tenant"#, "unclosed quote", 6),
        ("quota from:", "'from:' needs a value", 6),
        ("a quoted:\"\"", "'quoted:' needs a value", 2),
        ("a OR", "nothing after OR", 2),
        ("OR a", "OR with nothing before it", 0),
        ("a OR AND b", "AND after OR", 5),
        ("a NOT", "nothing after NOT", 2),
        ("(a", "unclosed parenthesis", 0),
        ("a (b OR c", "unclosed parenthesis", 2),
        ("()", "nothing after '('", 0),
        ("a (OR b)", "OR after '('", 3),
    ])
    func errors(text: String, message: String, position: Int) {
        #expect(throws: QueryParseError(message, at: position)) { try SearchQuery.parse(text) }
    }

    @Test("a query over the length limit is refused at the limit")
    func tooLong() {
        #expect(throws: QueryParseError("query longer than 1000 characters", at: 1000)) {
            try SearchQuery.parse(String(repeating: "a", count: 1001))
        }
    }

    @Test("date fields read years, months, days, ranges and relative dates; is: knows its words")
    func dates() throws {
        let cases: [(String, QueryNode)] = [
            ("date:2017", .term(.date, .range(lower: "2017", upper: "2017"))),
            ("date:2017-05..2017-08", .term(.date, .range(lower: "2017-05", upper: "2017-08"))),
            ("date:2017-05-02..", .term(.date, .range(lower: "2017-05-02", upper: nil))),
            ("date:..2003", .term(.date, .range(lower: nil, upper: "2003"))),
            ("date:30d", .term(.date, .range(lower: "30d", upper: nil))),
            ("date:1y..30d", .term(.date, .range(lower: "1y", upper: "30d"))),
            ("after:2020-03", .term(.after, .word("2020-03"))),
            ("before:6m", .term(.before, .word("6m"))),
            ("IS:Patch", .term(.is, .word("patch"))),
            ("org:IBM", .term(.org, .word("IBM"))),
            ("mid:<a*b@c>", .term(.mid, .word("<a*b@c>"))),
            ("subject:gpi*", .term(.subject, .word("gpi*"))),
            ("quoted:gpi*", .term(.quoted, .prefix("gpi"))),
        ]
        for (text, tree) in cases {
            #expect(try SearchQuery.parse(text).root == tree, "\(text)")
        }
        let errors: [(String, String, Int)] = [
            ("x date:2020-13", "'2020-13' is not a date (YYYY, YYYY-MM, YYYY-MM-DD, or 30d, 2w, 6m, 1y ago)", 7),
            ("date:2020..2021-02-30", "'2021-02-30' is not a date (YYYY, YYYY-MM, YYYY-MM-DD, or 30d, 2w, 6m, 1y ago)", 11),
            ("date:100000d", "'100000d' is not a date (YYYY, YYYY-MM, YYYY-MM-DD, or 30d, 2w, 6m, 1y ago)", 5),
            ("after:2020..2021", "'after:' takes one date, not a range (use date:)", 6),
            ("date:..", "a range needs a date on one side at least", 5),
            ("is:patches", "unknown is: value 'patches' (reply, root, unanswered, patch)", 3),
        ]
        for (text, message, position) in errors {
            #expect(throws: QueryParseError(message, at: position), "\(text)") { try SearchQuery.parse(text) }
        }
        // Relative dates count back from now; periods are UTC calendar spans.
        let now: Int64 = 1_700_000_000
        #expect(QueryDate("30d")?.start(now: now) == now - 30 * 86_400)
        #expect(QueryDate("2w")?.end(now: now) == now - 14 * 86_400)
        #expect(QueryDate("2020-02")?.end(now: now) == QueryDate("2020-03")?.start(now: now))
        #expect(QueryDate("30x") == nil && QueryDate("d") == nil && QueryDate("-3d") == nil)
        // after: starts where the period ends; before: ends where it starts.
        let c = try FTS5QueryCompiler(now: now).compile(try #require(try SearchQuery.parse("after:2020 before:2021-06").root))
        #expect(c.conditions == ["(m.date >= ?)", "(m.date < ?)"])
        #expect(c.arguments.map { $0.databaseValue } == [Int64(1_609_459_200), Int64(1_622_505_600)].map { $0.databaseValue })
    }

    @Test("the conjunction compiles to one ranked FTS5 expression, grouped by column, and folded filters")
    func compileConjunction() throws {
        let q = try SearchQuery.parse(#"deferred from:GLYPHÉ quoted:charter "inline callbacks" errback*"#)
        let c = try FTS5QueryCompiler().compile(try #require(q.root))
        #expect(c.match == #"{subject authored_text}: ("deferred" AND "inline callbacks" AND "errback" *) AND quoted_text: ("charter")"#)
        // from: finds senders through the trigram index, then checks the messages of senders with several names.
        #expect(c.conditions.count == 1 && c.conditions[0].contains("sender_text MATCH ?")
                && c.conditions[0].contains("instr(listlens_fold(m.from_address), ?) > 0 OR instr(listlens_fold(m.from_name), ?) > 0"))
        // The value is bound folded, as listlens_fold folds the column, and as an FTS5 string for the index.
        #expect(c.arguments.map { $0.databaseValue } == [#""glyphe""#, #""glyphe""#, "glyphe", "glyphe", "glyphe", "glyphe"].map { $0.databaseValue })
        // A value too short for trigrams reads the senders' folded columns; a quote in a value stays a string.
        let short = try FTS5QueryCompiler().compile(.term(.from, .word("Ré")))
        #expect(!short.conditions[0].contains("MATCH") && short.arguments.first?.databaseValue == "re".databaseValue)
        let quote = try FTS5QueryCompiler().compile(.term(.person, .word(#"o"neil"#)))
        #expect(quote.arguments.first?.databaseValue == #""o""neil""#.databaseValue)
        // User text is never FTS syntax: a quote inside a term is doubled inside an FTS5 string.
        let quoted = try FTS5QueryCompiler().compile(.term(.text, .word(#"a"b"#)))
        #expect(quoted.match == #"{subject authored_text}: ("a""b")"#)
    }

    @Test("a range on a text field is refused by the compiler, not run")
    func rangeRefused() {
        #expect(throws: FTS5QueryCompiler.Unsupported.self) {
            try FTS5QueryCompiler().compile(.term(.text, .range(lower: "2017", upper: nil)))
        }
    }

    /// The message ids a tree finds in the sample archive.
    func ids(_ node: QueryNode, in store: SQLiteStore) throws -> Set<String> {
        Set(try store.search(node, order: .relevance, limit: 1000, timeLimit: SearchQuery.timeLimit).map(\.messageID))
    }

    @Test("OR and NOT trees find the union and the difference of what their parts find")
    func orAndNot() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [Fixtures.sample])
        let quota = QueryNode.term(.text, .word("quota")), charter = QueryNode.term(.text, .word("charter"))
        let priya = QueryNode.term(.from, .word("priya"))
        let a = try ids(quota, in: store), b = try ids(charter, in: store), p = try ids(priya, in: store)
        #expect(!a.isEmpty && !b.isEmpty && !p.isEmpty && a != b)
        #expect(try ids(.or([quota, charter]), in: store) == a.union(b))
        #expect(try ids(.and([quota, .not(charter)]), in: store) == a.subtracting(b))
        #expect(try ids(.and([quota, .not(priya)]), in: store) == a.subtracting(p))
        #expect(try ids(.or([priya, charter]), in: store) == p.union(b))
        let all = try ids(.term(.from, .word("@")), in: store)
        #expect(try ids(.not(quota), in: store) == all.subtracting(a))

        // The same written as query text.
        func found(_ text: String) throws -> Set<String> { try ids(try #require(try SearchQuery.parse(text).root), in: store) }
        #expect(try found("quota OR charter") == a.union(b))
        #expect(try found("quota -charter") == a.subtracting(b))
        #expect(try found("-charter quota") == a.subtracting(b))
        #expect(try found("quota AND NOT from:priya") == a.subtracting(p))
        #expect(try found("(quota OR charter) -from:priya") == a.union(b).subtracting(p))
        #expect(try found("NOT quota") == all.subtracting(a))
        #expect(try found("NOT (quota OR charter)") == all.subtracting(a.union(b)))
    }
}
