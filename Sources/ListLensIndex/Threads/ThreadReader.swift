import ListLensAnalysis

/// Finds a thread (by its key, a Message-ID, or a search) and lays it out as a ``ThreadView``.
public struct ThreadReader {
    let store: any MessageExporting & MessageSearching

    public init(store: any MessageExporting & MessageSearching) { self.store = store }

    public enum Failure: Error, Equatable {
        /// Nothing matched: no thread with that key, no message with that id, no search hit.
        case notFound(String)
    }

    /// `target`: a thread id (as `export` writes `thread_id`), a Message-ID (with or without `<>`), or
    /// a search query, tried in that order; a search takes the thread of its best hit.
    public func read(_ target: String) throws -> ThreadView {
        let trimmed = target.trimmingCharacters(in: " <>")
        var key: String? = nil
        if !(try store.exportedMessages(inThread: trimmed).isEmpty) { key = trimmed }
        if key == nil { key = try store.threadKey(ofMessageID: trimmed) }
        if key == nil, let query = try? SearchQuery.parse(target), let hit = try Searcher(store: store).search(query, limit: 1).first {
            key = hit.threadID
        }
        guard let key else { throw Failure.notFound(target) }
        return Self.layout(threadID: key, messages: try store.exportedMessages(inThread: key).map(Exporter.withSegments))
    }

    /// The tree, depth first, children oldest first; a message whose parent is not in the thread is a root.
    public static func layout(threadID: String, messages: [ExportedMessage]) -> ThreadView {
        let ids = Set(messages.map(\.messageID))
        var children: [String: [Int]] = [:]
        var roots: [Int] = []
        for (i, m) in messages.enumerated() {
            if let p = m.parent, ids.contains(p), p != m.messageID { children[p, default: []].append(i) } else { roots.append(i) }
        }
        var entries: [ThreadView.Entry] = []
        var visited = Set<Int>()
        // Work list, not recursion: a thread can be thousands deep.
        var stack: [(index: Int, level: Int)] = roots.reversed().map { ($0, 0) }
        while let (i, level) = stack.popLast() {
            guard visited.insert(i).inserted else { continue }
            let m = messages[i]
            entries.append(ThreadView.Entry(messageID: m.messageID, parent: m.parent, parentMethod: m.parentMethod, level: level, date: m.date,
                                 from: m.from, participant: m.participant, subject: m.subject, parts: parts(of: m)))
            for c in (children[m.messageID] ?? []).reversed() { stack.append((c, level + 1)) }
        }
        let subject = messages.first.map { Subject.normalized($0.subject) } ?? ""
        return ThreadView(threadID: threadID, subject: subject, messages: entries)
    }

    /// Quotes and the author's words in body order; attributions, signatures, footers and notes left out.
    static func parts(of m: ExportedMessage) -> [ThreadView.Part] {
        var out: [ThreadView.Part] = []
        for s in m.segments ?? [] {
            switch s.kind {
            case "quoted":
                out.append(ThreadView.Part(kind: "quote", depth: s.depth, text: s.text, source: s.source,
                                attributedTo: s.attribution.flatMap { $0.name ?? $0.address }))
            case "authored":
                out.append(ThreadView.Part(kind: "reply", depth: 0, text: s.text, source: nil, attributedTo: nil))
            default:
                continue
            }
        }
        return out
    }
}
