import Foundation
import GRDB
import ListLensIndex
import ListLensMail
import ListLensText

/// Compiles a ``QueryNode`` into SQL for the SQLite schema: an FTS5 MATCH expression for the
/// text fields (ranked with bm25) and WHERE conditions for the rest, over `message m`.
///
/// The top-level conjunction's text terms become one MATCH expression, each with its columns
/// (`{subject authored_text}: ("a") AND quoted_text: ("c")`), so ranking covers them; a negated
/// text subtree beside them becomes `NOT`. Other nodes become conditions: names and addresses are
/// compared folded (``listlens_fold``, case and diacritics), dates as ranges of instants, and
/// text under OR or NOT that cannot join the main expression is a `m.id IN (SELECT rowid FROM
/// message_fts …)` subquery. Every user value is bound or quoted as an FTS5 string, never spliced
/// in as syntax.
///
/// No condition reads `m.thread_id` or joins `thread`: a message row holds its texts before its
/// later columns, so reading `thread_id` walks the row's overflow pages, and a condition that does
/// it for every candidate made field queries read the whole table. Whether a message is published
/// is asked of the index that leads with `thread_id` instead (``published(allPublished:)``).
struct FTS5QueryCompiler {
    struct Compiled {
        /// The MATCH expression, when the query has ranked text.
        var match: String?
        /// The user's conditions; ``FTS5QueryCompiler/published(allPublished:)`` adds the store's.
        var conditions: [String] = []
        /// Whether every message was published when the query was compiled.
        var allPublished = true
        var arguments: [any DatabaseValueConvertible] = []
    }

    /// A node the SQLite backend cannot run (a range on a field that has no order).
    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    /// The instant relative dates (`30d`) count back from, in seconds since 1970.
    var now: Int64
    /// Whether every stored message is published (no import under way): conditions then need not
    /// leave the unpublished ones out.
    var allPublished: Bool

    init(now: Int64 = Int64(Date().timeIntervalSince1970), allPublished: Bool = true) {
        self.now = now
        self.allPublished = allPublished
    }

    /// The messages a thread does not hold yet (ThreadingStore), found through `message_report`,
    /// whose first column is `thread_id`.
    static let unpublished = "(SELECT id FROM message WHERE thread_id IS NULL)"

    /// The condition that keeps published messages only: none when every message is.
    static func published(allPublished: Bool) -> String? {
        allPublished ? nil : "m.id NOT IN " + unpublished
    }

    func compile(_ root: QueryNode) throws -> Compiled {
        var compiled = Compiled()
        compiled.allPublished = allPublished
        var ranked: [String] = [], negated: [String] = []
        var rest: [QueryNode] = []
        // The conjunction's terms of each text field, as one group: `{subject authored_text}: ("a" AND "b")`.
        var groups: [(field: QueryField, terms: [String])] = []
        for node in root.conjuncts {
            if case .term(let field, let term) = node, field.kind == .text, !term.isRange {
                if let i = groups.firstIndex(where: { $0.field == field }) {
                    groups[i].terms.append(Self.fts(term))
                } else {
                    groups.append((field, [Self.fts(term)]))
                }
            } else if case .not(let inner) = node {
                if let e = try expression(inner) { negated.append(e) } else { rest.append(node) }
            } else if let e = try expression(node) {
                ranked.append(e)
            } else {
                rest.append(node)
            }
        }
        ranked = groups.compactMap { g in Self.columns[g.field].map { $0 + ": (" + g.terms.joined(separator: " AND ") + ")" } } + ranked
        if ranked.isEmpty {
            // FTS5's NOT is binary: with nothing positive to rank, negated text is a condition.
            for e in negated {
                compiled.conditions.append("m.id NOT IN (SELECT rowid FROM message_fts WHERE message_fts MATCH ?)")
                compiled.arguments.append(e)
            }
        } else {
            var match = ranked.joined(separator: " AND ")
            if !negated.isEmpty { match = "(" + match + ")" + negated.map { " NOT (" + $0 + ")" }.joined() }
            compiled.match = match
        }
        for node in rest {
            let (sql, arguments) = try condition(node)
            compiled.conditions.append(sql)
            compiled.arguments += arguments
        }
        return compiled
    }

    /// The node as one FTS5 expression, or nil when it holds anything but text fields (or a bare NOT).
    private func expression(_ node: QueryNode) throws -> String? {
        switch node {
        case .term(let field, let term):
            guard field.kind == .text, let columns = Self.columns[field] else { return nil }
            if term.isRange { throw Unsupported(description: "a range cannot search \(field)") }
            return columns + ": (" + Self.fts(term) + ")"
        case .and(let children), .or(let children):
            guard !children.isEmpty else { return nil }
            var parts: [String] = []
            for c in children {
                guard let e = try expression(c) else { return nil }
                parts.append(e)
            }
            if case .and = node { return "(" + parts.joined(separator: " AND ") + ")" }
            return "(" + parts.joined(separator: " OR ") + ")"
        case .not:
            return nil
        }
    }

    /// The node as a WHERE condition over `message m`.
    private func condition(_ node: QueryNode) throws -> (String, [any DatabaseValueConvertible]) {
        switch node {
        case .and(let children), .or(let children):
            if children.isEmpty { return (node == .and([]) ? "1" : "0", []) }
            var parts: [String] = [], arguments: [any DatabaseValueConvertible] = []
            for c in children {
                let (sql, a) = try condition(c)
                parts.append(sql)
                arguments += a
            }
            let joiner: String
            if case .and = node { joiner = " AND " } else { joiner = " OR " }
            return ("(" + parts.joined(separator: joiner) + ")", arguments)
        case .not(let inner):
            // A NULL (a message without a sender, a date) is "does not match", so NOT keeps it.
            let (sql, arguments) = try condition(inner)
            return ("COALESCE(" + sql + ", 0) = 0", arguments)
        case .term(let field, let term):
            switch field.kind {
            case .text:
                guard let e = try expression(node) else { throw Unsupported(description: "cannot search \(node)") }
                return ("m.id IN (SELECT rowid FROM message_fts WHERE message_fts MATCH ?)", [e])
            case .date:
                return try date(field, term)
            case .flag:
                return try flag(field, Self.value(term, field))
            case .value:
                return try value(field, Self.value(term, field))
            }
        }
    }

    /// Fields compared with a value: folded, so case and diacritics never matter.
    private func value(_ field: QueryField, _ raw: String) throws -> (String, [any DatabaseValueConvertible]) {
        let v = raw.folded
        /// The name or address contains the value.
        func contains(_ columns: String...) -> String {
            columns.map { "instr(listlens_fold(\($0)), ?) > 0" }.joined(separator: " OR ")
        }
        switch field {
        case .from:
            // The participants with a matching sender; every message of those all of whose senders
            // match, the others' messages checked one by one (and those with no participant).
            let (hits, h) = Self.senderHits(v)
            let check = "(" + contains("m.from_address", "m.from_name") + ")"
            return ("""
                ((m.participant_id IN (SELECT participant_id FROM sender WHERE id IN \(hits))
                  AND (m.participant_id IN (SELECT s.participant_id FROM sender s WHERE s.id IN \(hits) GROUP BY s.participant_id
                                            HAVING count(*) = (SELECT count(*) FROM sender a WHERE a.participant_id = s.participant_id))
                       OR \(check)))
                 OR (m.participant_id IS NULL AND \(check)))
                """, h + h + [v, v, v, v])
        case .to, .cc:
            // The recipients read once, not once per message.
            return ("m.id IN (SELECT r.message_id FROM recipient r WHERE r.kind = ? AND (\(contains("r.address", "r.name"))))",
                    [field.name, v, v])
        case .person:
            let (participants, p) = Self.personParticipants(v)
            return ("m.participant_id IN " + participants, p)
        case .org:
            return ("m.organization_id IN " + Self.organizations, [v, v + "."])
        case .quotes:
            // An organization when one is named so, else a person: `quotes:ibm` is IBM, not every ibm address.
            let (participants, p) = Self.personParticipants(v)
            // The quoted messages first (through the organization's or the persons' index), then who quotes them.
            return ("""
                m.id IN (SELECT qs.message FROM quote_source qs WHERE qs.source IN
                            (SELECT s.id FROM message s WHERE s.organization_id IN \(Self.organizations)
                             UNION ALL
                             SELECT s.id FROM message s WHERE NOT EXISTS \(Self.organizations) AND s.participant_id IN \(participants)))
                """, [v, v + ".", v, v + "."] + p)
        case .subject:
            return ("instr(listlens_fold(m.subject), ?) > 0", [v])
        case .list:
            return ("m.list_id IN (SELECT id FROM list WHERE listlens_fold(name) = ? OR instr(listlens_fold(name), ?) = 1)", [v, v + "."])
        case .tag:
            return ("EXISTS (SELECT 1 FROM json_each(m.tags) WHERE listlens_fold(value) = ?)", [v])
        case .topic:
            // A topic tag or key phrase of the message's thread (``TopicPass``), stored folded with single spaces.
            let name = v.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
            return ("""
                m.thread_id IN (SELECT tt.thread_id FROM topic t JOIN thread_topic tt ON tt.topic_id = t.id AND tt.key = 1
                                WHERE t.name = ?)
                """, [name])
        case .mid:
            return ("m.id IN \(Self.holders)", [Self.messageID(raw), Self.messageID(raw)])
        case .thread:
            let id = Self.messageID(raw)
            return ("""
                m.thread_id IN (SELECT thread_id FROM message WHERE id IN \(Self.holders) AND thread_id IS NOT NULL
                                UNION SELECT id FROM thread WHERE key = ?)
                """, [id, id, id])
        default:
            throw Unsupported(description: "the SQLite store has no field \(field)")
        }
    }

    /// The messages with a Message-ID (bound twice): its first holder and any message reusing it,
    /// each found through an index (`message_message_id` holds first holders only).
    static let holders = """
        (SELECT id FROM message WHERE message_id = ? AND imposter_of IS NULL
         UNION ALL SELECT i.id FROM message h JOIN message i ON i.imposter_of = h.id WHERE h.message_id = ? AND h.imposter_of IS NULL)
        """

    /// The `sender` rows (a participant's name and address as its messages give them) whose folded
    /// name or address contains the folded value: through the trigram index `sender_text` for
    /// three characters or more (what it can search), else by reading every row.
    static func senderHits(_ v: String) -> (String, [any DatabaseValueConvertible]) {
        if v.unicodeScalars.count >= 3 {
            return ("(SELECT rowid FROM sender_text WHERE sender_text MATCH ?)", ["\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""])
        }
        return ("(SELECT id FROM sender WHERE instr(folded_name, ?) > 0 OR instr(folded_address, ?) > 0)", [v, v])
    }

    /// The participants of every person one of whose addresses or names contains the value: the
    /// matching senders' participants, and every participant of the persons they are.
    static func personParticipants(_ v: String) -> (String, [any DatabaseValueConvertible]) {
        let (hits, h) = senderHits(v)
        return ("""
            (SELECT p.id FROM participant p WHERE p.person_id IN
                (SELECT q.person_id FROM participant q WHERE q.id IN (SELECT participant_id FROM sender WHERE id IN \(hits)))
             UNION SELECT participant_id FROM sender WHERE id IN \(hits))
            """, h + h)
    }
    /// The organizations named so (`IBM`), or whose domain's name it is (`ibm` for `ibm.com`): the value, and it with a dot.
    static let organizations = "(SELECT id FROM organization WHERE listlens_fold(name) = ? OR instr(listlens_fold(name), ?) = 1)"

    /// `date:` spans, `after:` starts after, `before:` ends before the date(s).
    private func date(_ field: QueryField, _ term: QueryTerm) throws -> (String, [any DatabaseValueConvertible]) {
        func parse(_ s: String?) throws -> QueryDate? {
            guard let s else { return nil }
            guard let d = QueryDate(s) else { throw Unsupported(description: "'\(s)' is not a date") }
            return d
        }
        let start: Int64?, end: Int64?
        switch (field, term) {
        case (.date, .range(let lower, let upper)):
            (start, end) = QueryDate.interval(lower: try parse(lower), upper: try parse(upper), now: now)
        case (.after, .word(let d)):
            (start, end) = (try parse(d)?.end(now: now), nil)
        case (.before, .word(let d)):
            (start, end) = (nil, try parse(d)?.start(now: now))
        default:
            throw Unsupported(description: "\(field) takes a date")
        }
        var parts: [String] = [], arguments: [any DatabaseValueConvertible] = []
        if let start { parts.append("m.date >= ?"); arguments.append(start) }
        if let end { parts.append("m.date < ?"); arguments.append(end) }
        return ("(" + parts.joined(separator: " AND ") + ")", arguments)
    }

    /// `is:` and `has:` flags.
    private func flag(_ field: QueryField, _ name: String) throws -> (String, [any DatabaseValueConvertible]) {
        if field == .has {
            // `mime_facts > 0` written out, so the partial index `message_mime_facts` serves it.
            let facts: MIMEFacts
            switch name {
            case "html": facts = .html
            case "attachment": facts = .attachment
            default: throw Unsupported(description: "unknown has:\(name)")
            }
            return ("(m.mime_facts > 0 AND m.mime_facts & ? != 0)", [facts.rawValue])
        }
        switch name {
        case "reply":
            // It answers a message: a parent was found, or its headers name one (stored or not).
            return ("(m.parent_id IS NOT NULL OR EXISTS (SELECT 1 FROM message_ref r WHERE r.message_id = m.id))", [])
        case "root":
            return ("m.id IN (SELECT root_id FROM thread)", [])
        case "unanswered":
            let published = allPublished ? "" : " AND c.id NOT IN " + Self.unpublished
            return ("NOT EXISTS (SELECT 1 FROM message c WHERE c.parent_id = m.id\(published))", [])
        case "patch":
            // `[PATCH]`, `[PATCH v2 3/7]`, `[RFC PATCH]`, `[PATCHv2]`: a tag with a word starting PATCH.
            return ("EXISTS (SELECT 1 FROM json_each(m.tags) WHERE ' ' || upper(value) LIKE '% PATCH%')", [])
        default:
            throw Unsupported(description: "unknown is:\(name)")
        }
    }

    /// A value field's text (`from:"Jean-Paul"` and `from:jean` alike).
    static func value(_ term: QueryTerm, _ field: QueryField) throws -> String {
        switch term {
        case .word(let v), .phrase(let v), .prefix(let v): return v
        case .range: throw Unsupported(description: "a range cannot search \(field)")
        }
    }

    /// A Message-ID as written in mail or in a browser's address bar: `<id>` and `id` alike.
    static func messageID(_ s: String) -> String {
        var id = Substring(s)
        if id.hasPrefix("<") && id.hasSuffix(">") && id.count >= 2 { id = id.dropFirst().dropLast() }
        return String(id)
    }

    /// The FTS5 columns each text field searches.
    static let columns: [QueryField: String] = [
        .text: "{subject authored_text}",
        .quoted: "quoted_text",
        .any: "{subject authored_text quoted_text}",
    ]

    /// One term as an FTS5 string (so user text is never FTS syntax); a prefix adds ` *`.
    static func fts(_ term: QueryTerm) -> String {
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        switch term {
        case .word(let w), .phrase(let w): return q(w)
        case .prefix(let p): return q(p) + " *"
        case .range: return q("")
        }
    }
}
