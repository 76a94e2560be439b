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

    @Test("errors say what is wrong and where", arguments: [
        ("subjectx:foo", "unknown field 'subjectx:' (known: from:, quoted:)", 0),
        (#"quota "per tenant"#, "unclosed quote", 6),
        ("quota from:", "'from:' needs a value", 6),
        ("a quoted:\"\"", "'quoted:' needs a value", 2),
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

    @Test("the conjunction compiles to one ranked FTS5 expression, grouped by column, and LIKE filters")
    func compileConjunction() throws {
        let q = try SearchQuery.parse(#"deferred from:glyph quoted:charter "inline callbacks" errback*"#)
        let c = try FTS5QueryCompiler().compile(try #require(q.root))
        #expect(c.match == #"{subject authored_text}: ("deferred" AND "inline callbacks" AND "errback" *) AND quoted_text: ("charter")"#)
        #expect(c.conditions == [#"(m.from_address LIKE ? ESCAPE '\' OR m.from_name LIKE ? ESCAPE '\')"#])
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
        Set(try store.search(node, limit: 1000).map(\.messageID))
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
    }
}
