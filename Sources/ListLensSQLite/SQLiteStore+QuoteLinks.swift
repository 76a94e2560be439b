import GRDB
import ListLensAnalysis
import ListLensIndex

extension SQLiteStore {
    public func pendingQuoteOverlaps(all: Bool, maxHolders: Int, headerParentedAsKnown: Bool) throws -> (children: [Int64], overlaps: [QuoteParentChooser.Overlap]) {
        try read { db in
            let pending = try Int64.fetchAll(db, sql: all ? "SELECT id FROM message" : "SELECT id FROM message WHERE thread_id IS NULL")
            guard !pending.isEmpty else { return ([], []) }
            var children = Set(pending)
            // Stored replies quoting what a pending message says: their best parent may be the newcomer.
            for start in stride(from: 0, to: all ? 0 : pending.count, by: Self.chunk) {
                let ids = Array(pending[start..<min(start + Self.chunk, pending.count)])
                children.formUnion(try Int64.fetchAll(db, sql: """
                    SELECT DISTINCT q.message FROM message_fingerprint f, json_each(f.own_shingles) s
                    JOIN quote_shingle q ON q.hash = s.value
                    WHERE f.message IN (\(Self.placeholders(ids.count))) AND q.message != f.message
                      AND (SELECT count(*) FROM shingle c WHERE c.hash = s.value) <= ?
                    """, arguments: StatementArguments(ids) + [maxHolders]))
            }
            let sorted = children.sorted()
            var probed = sorted
            if headerParentedAsKnown {
                // Replies whose headers name a stored message: the threading pass links them by the headers.
                var parented = Set<Int64>()
                for start in stride(from: 0, to: sorted.count, by: Self.chunk) {
                    let ids = Array(sorted[start..<min(start + Self.chunk, sorted.count)])
                    parented.formUnion(try Int64.fetchAll(db, sql: """
                        SELECT DISTINCT r.message_id FROM message_ref r
                        JOIN message p ON p.message_id = r.ref AND p.imposter_of IS NULL AND p.id != r.message_id
                        WHERE r.message_id IN (\(Self.placeholders(ids.count)))
                        """, arguments: StatementArguments(ids)))
                }
                probed = sorted.filter { !parented.contains($0) }
            }
            var overlaps: [QuoteParentChooser.Overlap] = []
            for start in stride(from: 0, to: probed.count, by: Self.chunk) {
                let ids = Array(probed[start..<min(start + Self.chunk, probed.count)])
                let rows = try Row.fetchCursor(db, sql: """
                    WITH quoted AS (
                        SELECT f.message AS child, q.value AS hash, q.key AS position FROM message_fingerprint f, json_each(f.quote_shingles) q
                        WHERE f.message IN (\(Self.placeholders(ids.count)))
                          AND (SELECT count(*) FROM shingle c WHERE c.hash = q.value) <= ?),
                    totals AS (SELECT message AS child, json_array_length(quote_shingles) AS n FROM message_fingerprint
                               WHERE message IN (\(Self.placeholders(ids.count)))),
                    shared AS (SELECT quoted.child, s.message AS parent, count(*) AS n, min(quoted.position) AS first
                               FROM quoted JOIN shingle s ON s.hash = quoted.hash AND s.message != quoted.child
                               GROUP BY quoted.child, s.message)
                    SELECT shared.child, shared.parent, shared.n, totals.n, c.date, p.date,
                           coalesce(c.list_id, -1) = coalesce(p.list_id, -1), shared.first,
                           (SELECT json_array_length(o.own_shingles) FROM message_fingerprint o WHERE o.message = shared.parent),
                           coalesce(c.quote_address = lower(p.from_address), 0) OR coalesce(c.quote_name = lower(p.from_name), 0),
                           c.quote_minute, coalesce(c.quote_zoned, 0), c.quote_second
                    FROM shared JOIN totals ON totals.child = shared.child
                    JOIN message c ON c.id = shared.child JOIN message p ON p.id = shared.parent
                    """, arguments: StatementArguments(ids) + [maxHolders] + StatementArguments(ids))
                while let row = try rows.next() {
                    overlaps.append(QuoteParentChooser.Overlap(child: row[0], parent: row[1], shared: row[2], childQuoteShingles: row[3],
                                                               parentOwnShingles: row[8], firstPosition: row[7], attributed: row[9],
                                                               quoteMinute: row[10], quoteZoned: row[11], quoteSecond: row[12],
                                                               childDate: row[4], parentDate: row[5], sameList: row[6]))
                }
            }
            // Candidates the attribution names: the sender it gives, sent at the time it gives (on some zone's clock).
            for start in stride(from: 0, to: probed.count, by: Self.chunk) {
                let ids = Array(probed[start..<min(start + Self.chunk, probed.count)])
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT c.id, p.id, c.date, p.date, coalesce(c.list_id, -1) = coalesce(p.list_id, -1), c.quote_minute, c.quote_zoned, c.quote_second
                    FROM message c JOIN message p
                      ON p.date BETWEEN (c.quote_minute - 840) * 60 AND (c.quote_minute + 720) * 60 + 59
                     AND (p.from_address = c.quote_address OR lower(p.from_name) = c.quote_name)
                    WHERE c.id IN (\(Self.placeholders(ids.count))) AND c.quote_minute IS NOT NULL AND p.id != c.id
                    """, arguments: StatementArguments(ids))
                while let row = try rows.next() {
                    overlaps.append(QuoteParentChooser.Overlap(child: row[0], parent: row[1], shared: 0, childQuoteShingles: 0,
                                                               parentOwnShingles: 0, firstPosition: Shingles.maxSampled, attributed: true,
                                                               quoteMinute: row[5], quoteZoned: row[6], quoteSecond: row[7], childDate: row[2], parentDate: row[3],
                                                               sameList: row[4]))
                }
            }
            return (sorted, overlaps)
        }
    }

    public func indexPendingShingles() throws -> Int {
        try writeUnchecked { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM shingle_pending)") == true else { return 0 }
            // Sorted, so each page of the hash-ordered trees is written once, not once per batch.
            try db.execute(sql: """
                INSERT OR IGNORE INTO shingle (hash, message)
                SELECT s.value, f.message FROM shingle_pending p JOIN message_fingerprint f ON f.message = p.message, json_each(f.own_shingles) s
                ORDER BY 1, 2
                """)
            try db.execute(sql: """
                INSERT OR IGNORE INTO quote_shingle (hash, message)
                SELECT q.value, f.message FROM shingle_pending p JOIN message_fingerprint f ON f.message = p.message, json_each(f.quote_shingles) q
                ORDER BY 1, 2
                """)
            let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM shingle_pending") ?? 0
            try db.execute(sql: "DELETE FROM shingle_pending")
            return n
        }
    }

    public func storeQuoteLinks(_ choices: [QuoteParentChooser.Choice], children: [Int64]) throws {
        try write { db in
            for start in stride(from: 0, to: children.count, by: Self.chunk) {
                let ids = Array(children[start..<min(start + Self.chunk, children.count)])
                try db.execute(sql: "DELETE FROM quote_link WHERE child IN (\(Self.placeholders(ids.count)))", arguments: StatementArguments(ids))
            }
            let insert = try db.makeStatement(sql: "INSERT OR REPLACE INTO quote_link (child, parent, shared, confidence, method) VALUES (?, ?, ?, ?, ?)")
            for c in choices { try insert.execute(arguments: [c.child, c.parent, c.shared, c.confidence, c.method.rawValue]) }
        }
    }
}
