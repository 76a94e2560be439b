import Foundation
import GRDB
import ListLensAnalysis
import ListLensIndex
import ListLensMail

extension SQLiteStore {
    public func pendingTopicThreads(version: Int, after: Int64, limit: Int, maxMessages: Int) throws -> [TopicThreadInput] {
        try read { db in
            let threads = try Int64.fetchAll(db, sql: """
                SELECT id FROM thread WHERE id > ? AND topics_version IS NOT ? ORDER BY id LIMIT ?
                """, arguments: [after, version, limit])
            // Through the report index (thread_id first), oldest first; imposters are in no thread.
            let messages = try db.cachedStatement(sql: """
                SELECT m.subject, m.subject_inherited, m.authored_text, l.name, m.from_name FROM message m
                LEFT JOIN list l ON l.id = m.list_id
                WHERE m.thread_id = ? ORDER BY m.date, m.id LIMIT ?
                """)
            return try threads.map { thread in
                var input = TopicThreadInput(thread: thread, subjects: [], texts: [])
                let rows = try Row.fetchCursor(messages, arguments: [thread, maxMessages])
                while let row = try rows.next() {
                    let subject: String = row[0] ?? ""
                    if input.subjects.isEmpty, !(row[1] as Bool) { input.texts.append(Subject.normalized(subject)) }
                    input.subjects.append(TopicThreadInput.Subject(subject, list: row[3]))
                    if let name: String = row[4], !name.isEmpty, !input.names.contains(name) { input.names.append(name) }
                    input.texts.append(row[2] ?? "")
                }
                return input
            }
        }
    }

    public func storeThreadTopics(_ topics: [ThreadTopics], version: Int) throws {
        try write { db in
            let clear = try db.cachedStatement(sql: "DELETE FROM thread_topic WHERE thread_id = ?")
            // A no-op update on conflict, so RETURNING gives the id of a topic already stored.
            let topic = try db.cachedStatement(sql: """
                INSERT INTO topic (kind, name, label) VALUES (?, ?, ?) ON CONFLICT (kind, name) DO UPDATE SET label = label RETURNING id
                """)
            let link = try db.cachedStatement(sql: "INSERT INTO thread_topic (thread_id, topic_id, occurrences, key) VALUES (?, ?, ?, ?)")
            let done = try db.cachedStatement(sql: "UPDATE thread SET topics_version = ? WHERE id = ?")
            for t in topics {
                try clear.execute(arguments: [t.thread])
                for tag in t.tags {
                    let id = try Int64.fetchOne(topic, arguments: ["tag", tag.name, tag.label])
                    try link.execute(arguments: [t.thread, id, tag.messages, true])
                }
                for c in t.candidates {
                    let id = try Int64.fetchOne(topic, arguments: ["phrase", c.phrase, c.label])
                    try link.execute(arguments: [t.thread, id, c.occurrences, false])
                }
                try done.execute(arguments: [version, t.thread])
            }
        }
    }

    public func topicCandidates(threads: [Int64]) throws -> (threads: Int, candidates: [Int64: [KeyPhrases.Held]]) {
        try read { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM thread WHERE topics_version > 0") ?? 0
            var out: [Int64: [KeyPhrases.Held]] = [:]
            for start in stride(from: 0, to: threads.count, by: Self.chunk) {
                let keys = threads[start..<min(start + Self.chunk, threads.count)]
                // CROSS JOIN keeps the threads first: given `kind = 'phrase'`, the planner would
                // walk every phrase of the store through the (kind, name) index for each chunk.
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT tt.thread_id, t.name, t.label, tt.occurrences, t.threads FROM thread_topic tt
                    CROSS JOIN topic t ON t.id = tt.topic_id
                    WHERE tt.thread_id IN (\(Self.placeholders(keys.count))) AND t.kind = 'phrase'
                    """, arguments: StatementArguments(Array(keys)))
                while let row = try rows.next() {
                    let phrase: String = row[1]
                    let words = phrase.utf8.count { $0 == UInt8(ascii: " ") } + 1
                    out[row[0], default: []].append(KeyPhrases.Held(
                        candidate: KeyPhrases.Candidate(phrase: phrase, label: row[2], occurrences: row[3], words: words),
                        threads: row[4]))
                }
            }
            return (total, out)
        }
    }

    public func messagesHolding(words: [String]) throws -> (messages: Int, holding: [String: Int]) {
        try read { db in
            let messages = try Int.fetchOne(db, sql: "SELECT count(*) FROM message") ?? 0
            // The full-text index's vocabulary (`message_vocab`): written forms are in it beside
            // stems; a term's count reads its list of documents, so callers ask once per word.
            let vocabulary = try db.cachedStatement(sql: "SELECT doc FROM message_vocab WHERE term = ?")
            var holding: [String: Int] = [:]
            for word in words {
                if let docs = try Int.fetchOne(vocabulary, arguments: [word]) { holding[word] = docs }
            }
            return (messages, holding)
        }
    }

    public func storeKeyPhrases(_ keys: [Int64: [String]]) throws {
        try write { db in
            let mark = try db.cachedStatement(sql: """
                UPDATE thread_topic SET key = 1
                WHERE thread_id = ? AND topic_id = (SELECT id FROM topic WHERE kind = 'phrase' AND name = ?)
                """)
            for (thread, phrases) in keys {
                for phrase in phrases { try mark.execute(arguments: [thread, phrase]) }
            }
        }
    }
}

extension SQLiteStore {
    public func topicReport(_ query: ReportQuery, first: Int?) throws -> TopicReport {
        try read { db in
            let month = "CAST(strftime('%Y%m', m.date, 'unixepoch') AS INTEGER)"
            let period = Self.periodKey(query.by, month)
            // Through the report index (thread_id first, the filtered columns in it); a topic is a
            // topic tag, or a key phrase, of the message's thread.
            func from(joining join: String = "") -> String {
                """
                FROM thread_topic tt JOIN message m INDEXED BY message_report ON m.thread_id = tt.thread_id
                \(join) LEFT JOIN participant p ON p.id = m.participant_id
                WHERE tt.key = 1 AND (:since IS NULL OR m.date >= :since) AND (:until IS NULL OR m.date < :until)
                  AND (:list IS NULL OR m.list_id = (SELECT id FROM list WHERE name = :list))
                  AND (:org IS NULL OR m.organization_id = (SELECT id FROM organization WHERE name = :org COLLATE NOCASE ORDER BY id LIMIT 1))
                  AND (:bots OR p.automated IS NULL)
                """
            }
            let arguments: StatementArguments = ["since": query.since, "until": query.until, "list": query.list,
                                                 "org": query.organization, "bots": query.includingAutomated]
            struct Sums {
                var period: Int64?
                var topic: Int64
                var messages: Int, threads: Int, people: Int
                var first: Int64?, last: Int64?
            }
            var periods: [Int64?: [Sums]] = [:]
            let sums = try Row.fetchCursor(db, sql: """
                SELECT \(period), tt.topic_id, count(*), count(DISTINCT m.thread_id), count(DISTINCT coalesce(p.person_id, -p.id)),
                       min(m.date), max(m.date)
                \(from()) GROUP BY 1, 2
                """, arguments: arguments)
            while let r = try sums.next() {
                let s = Sums(period: r[0], topic: r[1], messages: r[2], threads: r[3], people: r[4], first: r[5], last: r[6])
                periods[s.period, default: []].append(s)
            }
            let topics = periods.values.reduce(0) { $0 + $1.count }
            // The `first` of each period, by messages, then threads, then label; labels are read
            // for the topics that reach the cut only.
            var shown: [Sums] = []
            var labels: [Int64: (kind: String, label: String)] = [:]
            let label = try db.cachedStatement(sql: "SELECT kind, label FROM topic WHERE id = ?")
            func name(_ topic: Int64) throws -> (kind: String, label: String) {
                if let known = labels[topic] { return known }
                let row = try Row.fetchOne(label, arguments: [topic])
                let named: (kind: String, label: String) = (row?[0] ?? "phrase", row?[1] ?? "")
                labels[topic] = named
                return named
            }
            for key in periods.keys.sorted(by: { ($0 ?? .min) < ($1 ?? .min) }) {
                var rows = periods[key] ?? []
                rows.sort { ($0.messages, $0.threads, $1.topic) > ($1.messages, $1.threads, $0.topic) }
                if let first, rows.count > first {
                    // Ties at the cut are ordered by label, so which of them is shown does not depend on ids.
                    let last = rows[first - 1]
                    let tied = try rows.filter { $0.messages == last.messages && $0.threads == last.threads }
                        .sorted { try name($0.topic).label < name($1.topic).label }
                    rows = Array(rows.prefix { $0.messages > last.messages || ($0.messages == last.messages && $0.threads > last.threads) })
                    rows += tied.prefix(first - rows.count)
                }
                for r in rows { _ = try name(r.topic) }
                rows.sort { ($0.messages, $0.threads, labels[$1.topic]?.label ?? "") > ($1.messages, $1.threads, labels[$0.topic]?.label ?? "") }
                shown += rows
            }
            var organizations: [String: [TopicReport.Row.Organization]] = [:]
            let ids = Set(shown.map(\.topic)).sorted()
            for start in stride(from: 0, to: ids.count, by: Self.chunk) {
                let chunk = ids[start..<min(start + Self.chunk, ids.count)]
                var chunkArguments = arguments
                chunkArguments += ["topics": JSONColumn.array(chunk.map(String.init))]
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT \(period), tt.topic_id, o.name, count(*)
                    \(from(joining: "JOIN organization o ON o.id = m.organization_id"))
                      AND tt.topic_id IN (SELECT CAST(value AS INTEGER) FROM json_each(:topics))
                    GROUP BY 1, 2, 3
                    """, arguments: chunkArguments)
                while let r = try rows.next() {
                    organizations["\((r[0] as Int64?) ?? -1) \(r[1] as Int64)", default: []].append(.init(name: r[2], messages: r[3]))
                }
            }
            let day = { (t: Int64?) in t.map { MailDate(epochSeconds: $0).rfc3339 } }
            let rows = shown.map { s in
                let orgs = (organizations["\(s.period ?? -1) \(s.topic)"] ?? [])
                    .sorted { ($0.messages, $1.name) > ($1.messages, $0.name) }.prefix(TopicReport.organizationsShown)
                return TopicReport.Row(period: Self.periodName(query.by, s.period), topic: labels[s.topic]?.label ?? "",
                                       kind: labels[s.topic]?.kind ?? "phrase", messages: s.messages, threads: s.threads, people: s.people,
                                       firstMessage: day(s.first), lastMessage: day(s.last), organizations: Array(orgs))
            }
            let pending = try Int.fetchOne(db, sql: "SELECT count(*) FROM thread WHERE topics_version IS NOT ?", arguments: [TopicPass.version]) ?? 0
            return TopicReport(rows: rows, topics: topics, threadsPending: pending)
        }
    }
}
