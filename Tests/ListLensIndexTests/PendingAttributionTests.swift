import Foundation
import GRDB
@testable import ListLensIndex
@testable import ListLensSQLite
import ListLensTestSupport
import Testing

/// What the attribution pass reads of each waiting message: its ancestors, nearest first, read for
/// a whole batch in one query. They must be the chain of parents a walk up `parent_id` gives, cut
/// at the depth asked for and where the chain comes round again.
@Suite("Pending attribution reads")
struct PendingAttributionTests {
    /// The walk the query replaces: one parent at a time, stopping at a missing row or a repeat.
    func walk(_ key: Int64, depth: Int, in db: Database) throws -> [Int64] {
        var chain: [Int64] = []
        var seen: Set<Int64> = [key]
        var next = try Int64?.fetchOne(db, sql: "SELECT parent_id FROM message WHERE id = ?", arguments: [key]) ?? nil
        while let p = next, chain.count < depth, seen.insert(p).inserted,
              let row = try Row.fetchOne(db, sql: "SELECT id, parent_id FROM message WHERE id = ?", arguments: [p]) {
            chain.append(row[0])
            next = row[1]
        }
        return chain
    }

    func pending(_ store: SQLiteStore, depth: Int) throws -> [QuoteAttributionInput] {
        try store.write { try $0.execute(sql: "DELETE FROM message_quote_pass") }
        var out: [QuoteAttributionInput] = []
        var after: Int64 = 0
        while true {
            let page = try store.pendingQuoteAttribution(version: QuoteAttributionPass.version, after: after, limit: 7, depth: depth)
            guard let last = page.last else { return out }
            out += page
            after = last.message.key
        }
    }

    @Test("each waiting message's ancestors are the walk up its parents, at every depth bound, and a loop ends the chain")
    func ancestorsAreTheWalk() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [Fixtures.sample, Fixtures.path("html-structure/thread.mbox")])
        for depth in [1, 2, 8] {
            let read = try pending(store, depth: depth)
            #expect(read.count > 5)
            #expect(read.contains { $0.ancestors.count >= 2 } || depth == 1, "the fixtures have threads deeper than one reply")
            for input in read {
                let expected = try store.read { try walk(input.message.key, depth: depth, in: $0) }
                #expect(input.ancestors == expected, "message \(input.message.key) at depth \(depth)")
            }
        }
        // A loop the threading pass never writes, made by hand: the chain stops where it comes round.
        let read = try pending(store, depth: 8)
        let deep = try #require(read.first { $0.ancestors.count >= 2 })
        let (parent, grandparent) = (deep.ancestors[0], deep.ancestors[1])
        try store.write { try $0.execute(sql: "UPDATE message SET parent_id = ? WHERE id = ?", arguments: [parent, grandparent]) }
        let looped = try #require(try pending(store, depth: 8).first { $0.message.key == deep.message.key })
        #expect(looped.ancestors == [parent, grandparent])
        #expect(looped.ancestors == (try store.read { try walk(deep.message.key, depth: 8, in: $0) }))
    }

    @Test("the waiting messages are found through the index of quoting messages, not by reading every message's row")
    func pendingReadsTheQuotingIndex() throws {
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store).run(paths: [Fixtures.path("sample/community-list.mbox")])
        final class Seen: @unchecked Sendable {
            let lock = NSLock()
            var sql: [String] = []
        }
        let seen = Seen()
        let reader = try SQLiteStore(path: store.path, access: .readOnly)
        reader.pool.writeWithoutTransaction { db in
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event { seen.lock.lock(); seen.sql.append(statement.sql); seen.lock.unlock() }
            }
        }
        _ = try reader.pendingQuoteAttribution(version: QuoteAttributionPass.version, after: 0, limit: 7, depth: 3)
        let query = try #require(seen.sql.first { $0.contains("message_quote_pass") })
        let plan = try reader.pool.read { db in
            let statement = try db.makeStatement(sql: "EXPLAIN QUERY PLAN " + query)
            statement.setUncheckedArguments(StatementArguments())
            return try Row.fetchAll(statement).map { $0["detail"] as String }
        }
        #expect(plan.first { $0.hasPrefix("SEARCH m") || $0.hasPrefix("SCAN m") } == "SEARCH m USING INDEX message_quoting (id>?)", "\(plan)")
    }
}
