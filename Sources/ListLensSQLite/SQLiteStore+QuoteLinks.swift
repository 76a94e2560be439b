import Foundation
import GRDB
import ListLensAnalysis
import ListLensIndex

extension SQLiteStore {
    public func quoteLinkChildren(all: Bool, before: Int64, after: Int64) throws -> [Int64] {
        try read { db in
            if all { return try Int64.fetchAll(db, sql: "SELECT id FROM message ORDER BY id") }
            let pending = try Row.fetchAll(db, sql: "SELECT id, date FROM message WHERE thread_id IS NULL")
            guard !pending.isEmpty else { return [] }
            var children = Set(pending.map { $0[0] as Int64 })
            // Stored replies that may quote a pending message: sent from `before` before it to `after`
            // after it; the stretches of dates are merged, so each is read once.
            let dates = pending.compactMap { $0[1] as Int64? }.sorted()
            for stretch in DateStretches.of(dates, before: before, after: after) {
                children.formUnion(try Int64.fetchAll(db, sql: "SELECT id FROM message WHERE date BETWEEN ? AND ?",
                                                      arguments: [stretch.dates.lowerBound, stretch.dates.upperBound]))
            }
            if pending.contains(where: { ($0[1] as Int64?) == nil }) {
                children.formUnion(try Int64.fetchAll(db, sql: "SELECT id FROM message WHERE date IS NULL"))
            }
            return children.sorted()
        }
    }

    public func quoteProbes(_ keys: [Int64], headerParentedAsKnown: Bool) throws -> [QuoteProbe] {
        try read { db in
            var out: [QuoteProbe] = []
            for start in stride(from: 0, to: keys.count, by: Self.chunk) {
                let ids = Array(keys[start..<min(start + Self.chunk, keys.count)])
                // Not the replies whose headers name a stored message (the threading pass links them by
                // the headers): their texts are not read at all.
                let parented = headerParentedAsKnown ? """
                     AND NOT EXISTS (SELECT 1 FROM message_ref r JOIN message p ON p.message_id = r.ref AND p.imposter_of IS NULL AND p.id != r.message_id
                                     WHERE r.message_id = m.id)
                    """ : ""
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT m.id, m.date, m.list_id, m.quote_address, m.quote_name, m.quote_minute, coalesce(m.quote_zoned, 0), m.quote_second,
                           \(Self.attributionColumns(authored: false, quoted: true))
                    FROM message m LEFT JOIN list_footer f ON f.list_id = m.list_id
                    WHERE m.id IN (\(Self.placeholders(ids.count))) AND m.quoted_text != ''
                    """ + parented + " ORDER BY m.id", arguments: StatementArguments(ids))
                let decoder = JSONDecoder()
                while let row = try rows.next() {
                    let key: Int64 = row[0]
                    out.append(QuoteProbe(key: key, date: row[1], listID: row[2], quoteAddress: row[3], quoteName: row[4], quoteMinute: row[5],
                                          quoteZoned: row[6], quoteSecond: row[7],
                                          message: Self.attributionMessage(row, from: 8, key: key, decoder)))
                }
            }
            return out
        }
    }

    public func attributionOverlaps(_ keys: [Int64]) throws -> [QuoteParentChooser.Overlap] {
        try read { db in
            var overlaps: [QuoteParentChooser.Overlap] = []
            for start in stride(from: 0, to: keys.count, by: Self.chunk) {
                let ids = Array(keys[start..<min(start + Self.chunk, keys.count)])
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
            return overlaps
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
