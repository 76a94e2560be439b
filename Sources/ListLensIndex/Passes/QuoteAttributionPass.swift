import Dispatch
import ListLensAnalysis

/// The second archive-wide pass: which message each quoted segment quotes.
///
/// For each message waiting (new, replaced, or whose parent changed), each quoted segment of
/// ``QuoteMatcher/minimumWords`` words or more whose HTML cites a stored message
/// (`<blockquote cite="mid:…">`) is that message's; any other is compared with the own text of its
/// thread's ancestors, the one at its depth first (depth 2 is the grandparent); if none holds it, with the
/// messages outside its thread, sent shortly before it, whose own text shares the most of its sampled
/// shingles (``OwnTextSweep``). A segment found
/// nowhere is an unknown source (its attribution line, if any, still names who wrote it).
public enum QuoteAttributionPass {
    /// Bump when matching changes: messages attributed by an older version are done again.
    /// 2: quotes deeper than their thread are looked up among the messages sent within ``OwnTextSweep/span`` before them.
    public static let version = 2
    /// Ancestors read per message.
    public static let maxDepth = 8
    /// Messages read per round: memory is bounded by this many messages and their ancestors.
    public static let batchSize = 200
    /// Share of a segment an ancestor's own text must hold to be its source.
    public static let minimumAncestorContainment = 0.3
    /// Candidates from the shingle index compared per segment.
    public static let indexCandidates = 5

    public struct Report: Sendable, Equatable, Codable {
        public var messages = 0
        public var segments = 0
        public var fromCites = 0
        public var fromAncestors = 0
        public var fromIndex = 0
        public var unknown = 0
        /// Quotes compared with only the latest messages of their span, because more than
        /// ``OwnTextSweep/maxWaiting`` waited at once (a named limit that cut).
        public var quotesCut = 0
        public init() {}

        mutating func count(_ results: [QuoteAttributionResult]) {
            for r in results {
                for s in r.sources {
                    segments += 1
                    switch s.method {
                    case "cite": fromCites += 1
                    case "ancestor": fromAncestors += 1
                    case "shingles": fromIndex += 1
                    default: unknown += 1
                    }
                }
            }
        }
    }

    /// Own texts of messages compared kept per run: siblings share their ancestors.
    static let maxCachedSources = 4_096

    /// Quotes to be looked up elsewhere in the store wait until this many do, then are looked up
    /// together, in one sweep of the dates they need (``OwnTextSweep``): a bound on the texts held.
    public static let maxDeferredLookups = 4_000
    /// Quotes looked up elsewhere whose candidates' texts are read and compared at once.
    static let lookupPage = 200

    /// Reading the next batch and storing the last one's sources overlap the matching of this one:
    /// the store's reads and its one writer work beside the cores that match, and at most three
    /// batches (one read ahead, one matched, one being stored) are held at once. A message with a
    /// quote deeper than its thread waits, with its results, for the sweep that looks such quotes up.
    public static func run(on store: some QuoteAttributionStore & QuoteLinkStore) throws -> Report {
        var report = Report()
        var cache: [Int64: QuoteMatcher.Source] = [:]
        let reading = DispatchQueue(label: "listlens.quotes.read")
        let storing = DispatchQueue(label: "listlens.quotes.store")
        let held = HeldSources()
        func read(after: Int64) -> Background<Batch> {
            Background(on: reading) {
                let inputs = try store.pendingQuoteAttribution(version: version, after: after, limit: batchSize, depth: maxDepth)
                return try held.batch(inputs, store: store)
            }
        }
        var next = read(after: 0)
        var stored: Background<Void>? = nil
        // On an error, waits for the read and the store under way: nothing of the run goes on after it.
        defer {
            _ = try? next.value()
            _ = try? stored?.value()
        }
        func save(_ results: [QuoteAttributionResult]) throws {
            try stored?.value()
            stored = Background(on: storing) { try store.storeQuoteSources(results, version: version) }
        }
        var waiting: [Waiting] = []
        var waitingLookups = 0
        while true {
            let fetched = try next.value()
            let batch = fetched.inputs
            guard let last = batch.last else { break }
            // Later batches hold only keys above this one's: reading them does not wait for its results.
            next = read(after: last.message.key)
            if fetched.startsAfresh { cache.removeAll(keepingCapacity: true) }
            let passages = prepare(batch, ancestors: fetched.ancestors, cache: &cache)
            // Matching in the thread is pure: on all cores.
            let matched = ResultSlots<[Match]>(count: batch.count)
            let sources = cache
            DispatchQueue.concurrentPerform(iterations: batch.count) { i in
                matched.set(i, matchInThread(batch[i], passages: passages[i], cache: sources))
            }
            var results: [QuoteAttributionResult] = []
            for ((input, passages), matches) in zip(zip(batch, passages), matched.values()) {
                let cited = try citedKeys(input, passages: passages, matches: matches, store: store)
                let w = attribute(input, passages: passages, matches: matches, cited: cited)
                if w.lookups.isEmpty {
                    results.append(w.result)
                } else {
                    waitingLookups += w.lookups.count
                    waiting.append(w)
                }
            }
            report.messages += batch.count
            if waitingLookups >= maxDeferredLookups {
                results += try lookUp(waiting, store: store, report: &report)
                waiting = []
                waitingLookups = 0
            }
            report.count(results)
            try save(results)
        }
        if !waiting.isEmpty {
            let late = try lookUp(waiting, store: store, report: &report)
            report.count(late)
            try save(late)
        }
        try stored?.value()
        return report
    }

    /// A batch as read: the messages whose quotes wait, and the ancestors of theirs whose own texts
    /// the matching side does not hold yet.
    struct Batch: Sendable {
        var inputs: [QuoteAttributionInput]
        var ancestors: [QuoteAttributionInput.Message]
        /// True when the own texts held so far are to be let go first (``maxCachedSources``).
        var startsAfresh: Bool
    }

    /// The keys of the own texts the matching side holds, kept by the reading side: reading a batch
    /// also reads the ancestors' texts it lacks, beside the matching of the batch before. Both
    /// sides see the batches in the same order, so this set is the matching side's cache when it
    /// reaches the batch. Touched only on the (serial) reading queue.
    final class HeldSources: @unchecked Sendable {
        private var keys = Set<Int64>()

        func batch(_ inputs: [QuoteAttributionInput], store: some QuoteAttributionStore) throws -> Batch {
            let afresh = keys.count > maxCachedSources
            if afresh { keys.removeAll(keepingCapacity: true) }
            for input in inputs { keys.insert(input.message.key) }
            var missing: [Int64] = []
            for input in inputs {
                for a in input.ancestors where keys.insert(a).inserted { missing.append(a) }
            }
            return Batch(inputs: inputs, ancestors: try missing.isEmpty ? [] : store.ownTextMessages(missing), startsAfresh: afresh)
        }
    }

    /// The quoted passages of each message of a batch; each message's own text, and that of every
    /// ancestor read with the batch, goes into `cache`, on all cores. They come from the stored
    /// ``QuoteLayout`` where the import stored one, else from segmenting again. Replies in this batch
    /// or the next ones have a batch message as an ancestor: most messages are read once a run, not
    /// once for themselves and again for each reply batch.
    static func prepare(_ batch: [QuoteAttributionInput], ancestors: [QuoteAttributionInput.Message],
                        cache: inout [Int64: QuoteMatcher.Source]) -> [[Passage]] {
        let read = ResultSlots<(passages: [Passage], own: QuoteMatcher.Source)>(count: batch.count)
        DispatchQueue.concurrentPerform(iterations: batch.count) { i in
            let (passages, own) = batch[i].message.quotedPassagesAndOwnText
            read.set(i, (passages, QuoteMatcher.Source(ownText: own)))
        }
        let done = read.values()
        for (input, d) in zip(batch, done) { cache[input.message.key] = d.own }
        let sources = ResultSlots<QuoteMatcher.Source>(count: ancestors.count)
        DispatchQueue.concurrentPerform(iterations: ancestors.count) { i in
            sources.set(i, QuoteMatcher.Source(ownText: ancestors[i].ownText))
        }
        for (a, s) in zip(ancestors, sources.values()) { cache[a.key] = s }
        return done.map(\.passages)
    }

    /// A quoted segment of a message: what the pass matches and stores a source for.
    struct Passage: Sendable, Equatable {
        /// Its position among the message's segments.
        var segment: Int
        var depth: Int
        var text: String
        /// The Message-ID its HTML cites, if it cites one.
        var citedMessageID: String?
    }

    /// A quoted segment long enough to tell sources apart, and what its thread says of it.
    struct Match: Sendable {
        /// Its position among the message's passages.
        var passage: Int
        /// The ancestor holding it, if one does.
        var found: (key: Int64, confidence: Double)?
        /// True when the thread does not reach its depth: the store's index may know its source.
        var looksElsewhere: Bool
    }

    /// The quoted passages of a message matched against its ancestors' own texts (all in `cache`,
    /// which ``prepare(_:cache:store:)`` filled). Pure: safe on any thread.
    static func matchInThread(_ input: QuoteAttributionInput, passages: [Passage], cache: [Int64: QuoteMatcher.Source]) -> [Match] {
        let none = QuoteMatcher.Source(ownText: "")
        func source(_ i: Int) -> QuoteMatcher.Source { cache[input.ancestors[i]] ?? none }   // an ancestor no longer stored holds nothing
        var out: [Match] = []
        for (k, segment) in passages.enumerated() {
            let quote = QuoteMatcher.Quote(segment.text)
            guard quote.isLongEnough else { continue }   // `> Yes.`: too short to tell
            // The ancestor at the segment's depth first, then the others nearest first.
            let order = input.ancestors.indices.sorted { (abs($0 + 1 - segment.depth), $0) < (abs($1 + 1 - segment.depth), $1) }
            var found: (key: Int64, confidence: Double)? = nil
            // The ancestor holding the most of it, nearest to its depth on a tie; a lower bar than
            // elsewhere, since the thread already says the quote comes from above.
            for i in order {
                if let c = QuoteMatcher.containment(of: quote, in: source(i)), c >= minimumAncestorContainment, c > (found?.confidence ?? 0) {
                    found = (input.ancestors[i], c)
                }
            }
            // Elsewhere in the store only when the thread does not reach the segment's depth: a stored
            // ancestor that should hold it and does not says the quote is not from the thread (or is
            // edited beyond recognition), and a look elsewhere finds copies, not sources.
            out.append(Match(passage: k, found: found, looksElsewhere: found == nil && segment.depth > input.ancestors.count))
        }
        return out
    }

    /// A message's sources, some of them waiting to be looked up elsewhere in the store.
    struct Waiting: Sendable {
        /// What the lookups exclude and where they look (not the message's texts: a waiting message holds only its quotes' texts).
        var key: Int64
        var date: Int64?
        var threadID: Int64?
        var result: QuoteAttributionResult
        /// Sources (positions in `result.sources`, `unknown` until found) to look up, with their quoted text.
        var lookups: [(source: Int, text: String)]
    }

    /// The stored messages the HTML quotes of a message cite, by Message-ID.
    static func citedKeys(_ input: QuoteAttributionInput, passages: [Passage], matches: [Match],
                          store: some QuoteAttributionStore) throws -> [String: Int64] {
        let citedIDs = matches.compactMap { passages[$0.passage].citedMessageID }
        return try citedIDs.isEmpty ? [:] : store.messageKeys(forMessageIDs: citedIDs)
    }

    /// Each matched segment's source: the message its HTML cites, else its ancestor, else (when the
    /// thread does not reach its depth) one to be looked up elsewhere, else unknown.
    static func attribute(_ input: QuoteAttributionInput, passages: [Passage], matches: [Match], cited: [String: Int64]) -> Waiting {
        var out: [QuoteAttributionResult.Source] = []
        var lookups: [(source: Int, text: String)] = []
        for m in matches {
            let passage = passages[m.passage]
            var found = m.found.map { (key: $0.key, confidence: $0.confidence, method: "ancestor") }
            if let id = passage.citedMessageID, let key = cited[id], key != input.message.key {
                // The client wrote down which message it quoted: no text comparison says it better.
                found = (key, 1, "cite")
            } else if m.looksElsewhere {
                lookups.append((out.count, passage.text))
            }
            if let f = found {
                out.append(.init(segment: passage.segment, source: f.key, confidence: (f.confidence * 1000).rounded() / 1000, method: f.method))
            } else {
                out.append(.init(segment: passage.segment, source: nil, confidence: nil, method: "unknown"))
            }
        }
        return Waiting(key: input.message.key, date: input.date, threadID: input.threadID,
                       result: QuoteAttributionResult(key: input.message.key, sources: out), lookups: lookups)
    }

    /// Looks the waiting quotes up among the messages outside their thread sent shortly before them:
    /// the ones sharing the most sampled shingles, up to ``indexCandidates``, are compared in full,
    /// and the first holding ``QuoteMatcher/minimumContainment`` of the quote is its source.
    static func lookUp(_ waiting: [Waiting], store: some QuoteAttributionStore, report: inout Report) throws -> [QuoteAttributionResult] {
        var results = waiting.map(\.result)
        let owners: [(message: Int, source: Int, text: String)] = waiting.enumerated().flatMap { i, w in
            w.lookups.map { (i, $0.source, $0.text) }
        }
        let sampled = ResultSlots<[Int64]>(count: owners.count)
        DispatchQueue.concurrentPerform(iterations: owners.count) { i in sampled.set(i, Shingles.sampled(owners[i].text)) }
        let shingles = sampled.values()
        let probes = owners.indices.map { OwnTextSweep.Probe(date: waiting[owners[$0].message].date, shingles: shingles[$0]) }
        var candidates = [[Int64]](repeating: [], count: owners.count)
        let swept = try OwnTextSweep.run(probes, store: store, maxHolders: ThreadingPass.maxShingleHolders) { i, matches in
            let w = waiting[owners[i].message]
            let outside = matches.filter { $0.member.key != w.key && $0.member.threadID != w.threadID }
            let best = outside.sorted { ($0.shared, $0.member.key) > ($1.shared, $1.member.key) }.prefix(indexCandidates)
            candidates[i] = best.map(\.member.key)
        }
        report.quotesCut += swept.cut
        for start in stride(from: 0, to: owners.count, by: lookupPage) {
            let page = start..<min(start + lookupPage, owners.count)
            let keys = Array(Set(page.flatMap { candidates[$0] }))
            let messages = try store.ownTextMessages(keys)
            let own = ResultSlots<QuoteMatcher.Source>(count: messages.count)
            DispatchQueue.concurrentPerform(iterations: messages.count) { i in own.set(i, QuoteMatcher.Source(ownText: messages[i].ownText)) }
            var sources: [Int64: QuoteMatcher.Source] = [:]
            for (m, source) in zip(messages, own.values()) { sources[m.key] = source }
            let byKey = sources, chosen = candidates
            let found = ResultSlots<(key: Int64, share: Double)?>(count: page.count)
            DispatchQueue.concurrentPerform(iterations: page.count) { k in
                let i = page.lowerBound + k
                let quote = QuoteMatcher.Quote(owners[i].text)
                for c in chosen[i] {
                    if let source = byKey[c], let share = QuoteMatcher.containment(of: quote, in: source), share >= QuoteMatcher.minimumContainment {
                        found.set(k, (c, share))
                        return
                    }
                }
                found.set(k, nil)
            }
            for (k, f) in found.values().enumerated() {
                guard let f else { continue }
                let o = owners[page.lowerBound + k]
                results[o.message].sources[o.source].source = f.key
                results[o.message].sources[o.source].confidence = (f.share * 1000).rounded() / 1000
                results[o.message].sources[o.source].method = "shingles"
            }
        }
        return results
    }
}

extension QuoteAttributionInput.Message {
    /// The message's segments, as the import made them: the segmenter is a pure function of the
    /// text, the sender's name, the marks its HTML gave and its list's footer.
    var segments: [BodySegment] { QuoteSegmenter.segments(of: text, senderName: senderName, marks: marks, footer: footer) }

    /// Its quoted passages and own text: cut from the stored texts by the stored layout, or, where
    /// none is stored, from segmenting the text again. (The store reads the text only where no layout
    /// is stored: a layout that does not fit its texts, which only a damaged store holds, gives nothing.)
    var quotedPassagesAndOwnText: (passages: [QuoteAttributionPass.Passage], own: String) {
        if let stored, let texts = stored.layout.quoteTexts(in: stored.quotedText),
           let own = stored.layout.ownText(authoredText: stored.authoredText, signatureText: stored.signatureText) {
            let passages = zip(stored.layout.quotes, texts).map { q, text in
                QuoteAttributionPass.Passage(segment: q.segment, depth: q.depth, text: text, citedMessageID: q.citedMessageID)
            }
            return (passages, own)
        }
        let segments = self.segments
        let passages = segments.enumerated().compactMap { i, s in
            s.kind == .quoted ? QuoteAttributionPass.Passage(segment: i, depth: s.depth, text: s.text, citedMessageID: s.attribution?.messageID) : nil
        }
        return (passages, QuoteMatcher.ownText(segments))
    }

    /// What it quotes of its parent (``QuoteMatcher/parentQuote(_:)``), from what the import stored where it can.
    var parentQuote: String {
        if let stored, let texts = stored.layout.quoteTexts(in: stored.quotedText) {
            return zip(stored.layout.quotes, texts).filter { $0.0.depth == 1 }.map(\.1).joined(separator: "\n")
        }
        return QuoteMatcher.parentQuote(segments)
    }

    /// Its own text (``QuoteMatcher/ownText(_:)``), from what the import stored where it can.
    var ownText: String {
        if let stored, let own = stored.layout.ownText(authoredText: stored.authoredText, signatureText: stored.signatureText) { return own }
        return QuoteMatcher.ownText(segments)
    }
}
