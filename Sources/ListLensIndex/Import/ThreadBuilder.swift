import GRDB
import ListLensAnalysis

/// Rebuilds parent links and threads for the whole store from the stored headers.
///
/// Runs after every import, so a reply imported before its parent is linked once the parent
/// arrives. Memory: a few integers per stored message (not per archive byte).
enum ThreadBuilder {
    static func rebuild(_ store: Store) throws {
        try store.pool.write { db in
            var rowIDs: [Int64] = []
            var index: [Int64: Int] = [:]
            var dates: [Int64?] = []
            var subjects: [String] = []
            var messageIDs: [String] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT id, message_id, date, subject FROM message ORDER BY id")
            while let row = try rows.next() {
                let id: Int64 = row[0]
                index[id] = rowIDs.count
                rowIDs.append(id)
                messageIDs.append(row[1])
                dates.append(row[2])
                subjects.append(row[3])
            }
            let n = rowIDs.count
            // Known parents per message: In-Reply-To first, then References from last to first.
            var irt = [[(Int, Int)]](repeating: [], count: n)      // (position, parent index)
            var refs = [[(Int, Int)]](repeating: [], count: n)
            let known = try Row.fetchCursor(db, sql: """
                SELECT r.message_id, r.kind, r.position, p.id FROM message_ref r JOIN message p ON p.message_id = r.ref
                """)
            while let row = try known.next() {
                guard let child = index[row[0]], let parent = index[row[3]] else { continue }
                let kind: String = row[1]
                if kind == "in-reply-to" { irt[child].append((row[2], parent)) } else { refs[child].append((row[2], parent)) }
            }
            var candidates = [[(parent: Int, method: ParentMethod)]](repeating: [], count: n)
            for i in 0..<n {
                for (_, p) in irt[i].sorted(by: { $0.0 < $1.0 }) { candidates[i].append((p, .inReplyTo)) }
                for (_, p) in refs[i].sorted(by: { $0.0 > $1.0 }) { candidates[i].append((p, .references)) }
            }
            let links = Threader.link(candidates: candidates)
            let roots = Threader.roots(parents: links.map(\.parent))

            // A root that names parents we do not have hangs under a ghost: the first id it references.
            var ghostOf: [Int64: String] = [:]
            let firstRefs = try Row.fetchCursor(db, sql: """
                SELECT message_id, ref FROM message_ref WHERE position = 0 ORDER BY message_id, kind DESC
                """)
            while let row = try firstRefs.next() {
                let id: Int64 = row[0]
                if ghostOf[id] == nil { ghostOf[id] = row[1] }   // references (sorted first) before in-reply-to
            }

            try db.execute(sql: "UPDATE message SET thread_id = NULL, parent_id = NULL, parent_method = NULL")
            try db.execute(sql: "DELETE FROM thread")
            struct Agg { var root: Int; var count = 0; var first: Int64?; var last: Int64? }
            var threads: [String: Agg] = [:]
            var keyOf = [String](repeating: "", count: n)
            for i in 0..<n {
                let r = roots[i]
                let key = links[r].parent == nil ? (ghostOf[rowIDs[r]] ?? messageIDs[r]) : messageIDs[r]
                keyOf[i] = key
                var agg = threads[key] ?? Agg(root: r)
                agg.count += 1
                if let d = dates[i] {
                    agg.first = min(agg.first ?? d, d)
                    agg.last = max(agg.last ?? d, d)
                }
                // Several roots under one ghost: the earliest one stands for the thread.
                if agg.root != r, (dates[r] ?? .max) < (dates[agg.root] ?? .max) { agg.root = r }
                threads[key] = agg
            }
            let insertThread = try db.makeStatement(sql: """
                INSERT INTO thread (key, root_id, subject, message_count, first_date, last_date) VALUES (?, ?, ?, ?, ?, ?)
                """)
            var threadID: [String: Int64] = [:]
            for (key, agg) in threads.sorted(by: { ($0.value.first ?? 0, $0.key) < ($1.value.first ?? 0, $1.key) }) {
                try insertThread.execute(arguments: [key, rowIDs[agg.root], subjects[agg.root], agg.count, agg.first, agg.last])
                threadID[key] = db.lastInsertedRowID
            }
            let update = try db.makeStatement(sql: "UPDATE message SET parent_id = ?, parent_method = ?, thread_id = ? WHERE id = ?")
            for i in 0..<n {
                try update.execute(arguments: [links[i].parent.map { rowIDs[$0] }, links[i].method?.rawValue,
                                               threadID[keyOf[i]], rowIDs[i]])
            }
        }
    }
}
