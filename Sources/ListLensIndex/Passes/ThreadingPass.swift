import Dispatch
import ListLensAnalysis
import ListLensMail

/// The first archive-wide pass: parent links and threads from the stored headers.
///
/// The pass pattern: load compact values from the store, run a pure algorithm from Analysis
/// (``ThreadBuilder``), write only what differs from what is stored, with the method and confidence
/// of each link, and record the input watermark so the next run is skipped when nothing changed.
/// A reply imported before its parent is linked when the parent arrives.
///
/// A run reads only the pending messages and the threads they touch
/// (``ThreadingStore/pendingThreadingSnapshot(maxMessages:)``): that set is closed under every
/// relation the builder follows (references both ways, shared ghost roots), so building it alone
/// gives the links the whole store would. Adding two messages to a million reads a few threads.
/// The first run, and a run of a new version, read everything. Memory: a few values per message
/// read, never bodies.
public enum ThreadingPass {
    public static let name = "threading"
    /// Bump when the algorithm changes: stores threaded by an older version are then redone.
    /// 2: parents from quoted text where headers give none. 3: quote links are found only for replies
    /// whose headers name no stored message (the others never used theirs). 4: Outlook's Thread-Index,
    /// Gmail's X-GM-THRID, and subjects for the lists that ask. 5: subjects only within ``subjectWindow``.
    /// 6: quotes are looked up among the messages sent within ``OwnTextSweep/span`` before them.
    public static let version = 6
    /// Threading from quoted text alone (`import --ignore-thread-headers`) records its version plus
    /// this, so switching between the two redoes the store.
    public static let textOnlyVersionOffset = 1000
    /// Links read from In-Reply-To or References are certain; links from quoted text carry less
    /// (``QuoteParentChooser``).
    public static let headerConfidence = 1.0
    /// A Gmail conversation says who took part, not who answered whom: its link to the previous message is a guess.
    public static let gmailThreadConfidence = 0.5
    /// A shared subject is weaker still (two threads may share one): only for lists that ask for it.
    public static let subjectConfidence = 0.3
    /// A reply joins the latest earlier message of its subject only if that was sent at most this
    /// many seconds before it: a `Re: Release plan` a year later answers another release's plan.
    /// Undated messages join nothing by subject (without dates, "earlier" says nothing).
    public static let subjectWindow: Int64 = 60 * 86_400
    /// A sampled shingle held by more messages than this is a common phrase: it links nothing.
    public static let maxShingleHolders = 50

    /// What one run did.
    public struct Report: Sendable, Equatable, Codable {
        /// False when the store's messages had not changed since the last run.
        public var ran: Bool
        public var changedLinks: Int
        public var changedThreads: Int
        public var removedThreads: Int
        /// Messages the run read: the pending ones and the threads they touch, or every message on
        /// a full run. Work and memory follow this number, not the store's size.
        public var consideredMessages: Int
        /// True when the run read the whole store (a first run, a new pass version, or pending
        /// messages that reach much of the store).
        public var full: Bool
        /// Replies compared with only the latest messages of their span, because more than
        /// ``OwnTextSweep/maxWaiting`` waited at once (a named limit that cut).
        public var quotesCut: Int

        public init(ran: Bool, changedLinks: Int, changedThreads: Int, removedThreads: Int, consideredMessages: Int = 0, full: Bool = false,
                    quotesCut: Int = 0) {
            self.quotesCut = quotesCut
            self.ran = ran
            self.changedLinks = changedLinks
            self.changedThreads = changedThreads
            self.removedThreads = removedThreads
            self.consideredMessages = consideredMessages
            self.full = full
        }
    }

    /// A run reads the whole store when the pending messages' threads reach more than this share of it.
    public static let maxIncrementalShare = 0.5

    /// - Parameter useHeaders: false threads from quoted text alone (`import --ignore-thread-headers`,
    ///   to measure what text recovers); nil keeps what the last run did (headers on a first run).
    public static func run(on store: some ThreadingStore & PassStateStoring & QuoteLinkStore, useHeaders: Bool? = nil) throws -> Report {
        let watermark = try store.messageWatermark()
        let previous = try store.passState(named: name)
        let headers = useHeaders ?? (previous.map { $0.version < textOnlyVersionOffset } ?? true)
        let runVersion = headers ? version : version + textOnlyVersionOffset
        let state = PassState(name: name, version: runVersion, watermark: watermark)
        if previous == state {
            return Report(ran: false, changedLinks: 0, changedThreads: 0, removedThreads: 0)
        }
        // Parents from quoted text first: the snapshot (and the set of threads it reads) follows them.
        // With headers, replies whose headers name a stored message need none (the headers give their
        // parent), so a change of mode or algorithm finds them again for every message.
        let quotesCut = try linkQuotes(in: store, all: previous?.version != runVersion, headerParentedAsKnown: headers)
        // The links of messages a thread holds were written by this version: only the pending
        // messages, and the threads they touch, can change.
        var snapshot: ThreadingSnapshot? = nil
        if previous?.version == runVersion {
            let limit = max(10_000, Int(Double(watermark.messageCount) * maxIncrementalShare))
            snapshot = try store.pendingThreadingSnapshot(maxMessages: limit)
        }
        let full = snapshot == nil
        var input = try snapshot ?? store.threadingSnapshot()
        let considered = input.messages.count
        let changes = changes(for: &input, useHeaders: headers)
        var done = state
        done.watermark.pending = 0
        try store.applyThreading(changes, state: done)
        return Report(ran: true, changedLinks: changes.links.count, changedThreads: changes.upsertedThreads.count,
                      removedThreads: changes.removedThreads.count, consideredMessages: considered, full: full, quotesCut: quotesCut)
    }

    /// Probes read and fingerprinted at once.
    static let probePage = 1_000

    /// Finds parents in quoted text for the replies whose links can change, and stores them: each
    /// reply's depth-1 quote is looked up among the own texts of the messages sent within
    /// ``OwnTextSweep/span`` before it, and its attribution line's sender and date among all.
    /// Returns how many were looked up in only part of their span (``OwnTextSweep/Report/cut``).
    static func linkQuotes(in store: some QuoteLinkStore, all: Bool, headerParentedAsKnown: Bool) throws -> Int {
        // A stored reply quoting a pending message was sent from `slack` before it to `span` after it.
        let children = try store.quoteLinkChildren(all: all, before: OwnTextSweep.slack, after: OwnTextSweep.span)
        guard !children.isEmpty else { return 0 }
        var probed: [QuoteProbe] = []
        var probes: [OwnTextSweep.Probe] = []
        for start in stride(from: 0, to: children.count, by: probePage) {
            var page = try store.quoteProbes(Array(children[start..<min(start + probePage, children.count)]),
                                             headerParentedAsKnown: headerParentedAsKnown)
            let shingles = ResultSlots<[Int64]>(count: page.count)
            let read = page
            DispatchQueue.concurrentPerform(iterations: read.count) { i in
                shingles.set(i, Shingles.sampled(read[i].message.parentQuote))
            }
            // Only the shingles are kept: memory holds no reply's text beyond this page.
            for (i, s) in shingles.values().enumerated() {
                page[i].message = QuoteAttributionInput.Message(key: page[i].key, text: "", senderName: nil)
                probes.append(OwnTextSweep.Probe(date: page[i].date, shingles: s))
            }
            probed += page
        }
        var overlaps = try store.attributionOverlaps(probed.map(\.key))
        let swept = try OwnTextSweep.run(probes, store: store, maxHolders: maxShingleHolders) { i, matches in
            let c = probed[i]
            for m in matches where m.member.key != c.key {
                let p = m.member
                let attributed = (c.quoteAddress != nil && c.quoteAddress == p.fromAddress) || (c.quoteName != nil && c.quoteName == p.fromName)
                overlaps.append(QuoteParentChooser.Overlap(child: c.key, parent: p.key, shared: m.shared, childQuoteShingles: probes[i].shingles.count,
                                                           parentOwnShingles: m.shingleCount, firstPosition: m.firstPosition, attributed: attributed,
                                                           quoteMinute: c.quoteMinute, quoteZoned: c.quoteZoned, quoteSecond: c.quoteSecond,
                                                           childDate: c.date, parentDate: c.date == nil ? nil : m.date, sameList: c.listID == p.listID))
            }
        }
        try store.storeQuoteLinks(QuoteParentChooser.choose(overlaps), children: children)
        return swept.cut
    }

    /// The pure part: what the snapshot's messages should look like, minus what is already stored.
    /// The snapshot's references are consumed (emptied) on the way, to keep the peak low.
    public static func changes(for snapshot: inout ThreadingSnapshot, useHeaders: Bool = true) -> ThreadingChanges {
        let messages = snapshot.messages
        var index: [Int64: Int] = [:]
        index.reserveCapacity(messages.count)
        for (i, m) in messages.enumerated() { index[m.key] = i }

        // Known parents per message, in order of preference: In-Reply-To first (in order), then
        // References from last to first, then the Thread-Index's nearest stored ancestor; then the
        // parents found from quoted text, best first; last the previous message of the same Gmail
        // conversation, and of the same subject where the list asks for it. One sort of the flat
        // list, then one sweep.
        var known: [(child: Int, rank: Int, parent: Int, method: ParentMethod)] = []
        known.reserveCapacity(snapshot.references.count)
        func rank(_ method: ParentMethod, _ position: Int) -> Int {
            let tier: Int
            switch method {
            case .inReplyTo: tier = 0
            case .references: tier = 1
            case .threadIndex: tier = 2
            case .quote, .attribution: tier = 3
            case .gmailThread: tier = 4
            case .subject: tier = 5
            }
            return tier << 40 | min(max(position, 0), 1 << 39)
        }
        // The confidence of each link below 1, by child, parent and method: one pair may be linked
        // two ways (a quote and a shared Gmail conversation), each with its own confidence.
        struct SoftLink: Hashable { var child: Int, parent: Int, method: ParentMethod }
        var softConfidence: [SoftLink: Double] = [:]
        func soft(_ child: Int, _ parent: Int, _ method: ParentMethod, _ position: Int, _ confidence: Double) {
            known.append((child, rank(method, position), parent, method))
            softConfidence[SoftLink(child: child, parent: parent, method: method)] = confidence
        }
        for r in snapshot.references {
            guard let child = index[r.child], let parent = index[r.parent] else { continue }
            switch r.kind {
            case .inReplyTo where useHeaders: known.append((child, rank(.inReplyTo, r.position), parent, .inReplyTo))
            case .references where useHeaders: known.append((child, rank(.references, Int(Int32.max) - r.position), parent, .references))
            case .quote: soft(child, parent, .quote, r.position, r.confidence)
            case .attribution: soft(child, parent, .attribution, r.position, r.confidence)
            case .inReplyTo, .references: continue
            }
        }
        snapshot.references = []
        if useHeaders {
            var byThreadIndex: [String: Int] = [:]
            for (i, m) in messages.enumerated() { if let k = m.threadIndex, byThreadIndex[k] == nil { byThreadIndex[k] = i } }
            for (i, m) in messages.enumerated() {
                guard let k = m.threadIndex, let index = ThreadIndex(storedKey: k) else { continue }
                for (steps, ancestor) in index.ancestorKeys.enumerated() {
                    if let p = byThreadIndex[ancestor] {
                        known.append((i, rank(.threadIndex, steps), p, .threadIndex))
                        break
                    }
                }
            }
            for group in groups(messages, by: \.gmailThread) {
                for (earlier, later) in zip(group, group.dropFirst()) { soft(later, earlier, .gmailThread, 0, gmailThreadConfidence) }
            }
        }
        for group in groups(messages, by: \.subjectGroup) {
            for (earlier, later) in zip(group, group.dropFirst()) where Subject.isReply(messages[later].subject) {
                // The group is in date order, undated last.
                guard let sent = messages[earlier].date, let answered = messages[later].date, answered - sent <= subjectWindow else { continue }
                soft(later, earlier, .subject, 0, subjectConfidence)
            }
        }
        known.sort { ($0.child, $0.rank) < ($1.child, $1.rank) }
        var input: [ThreadBuilder.Message] = []
        input.reserveCapacity(messages.count)
        var k = 0
        for (i, m) in messages.enumerated() {
            var candidates: [(parent: Int, method: ParentMethod)] = []
            while k < known.count, known[k].child == i {
                candidates.append((known[k].parent, known[k].method))
                k += 1
            }
            input.append(ThreadBuilder.Message(messageID: m.messageID, date: m.date, ghostKey: useHeaders ? m.firstReference : nil,
                                               candidates: candidates))
        }
        known = []
        let built = ThreadBuilder.build(input)
        input = []

        var changes = ThreadingChanges()
        changes.links.reserveCapacity(messages.count)
        var stored: [String: ThreadingChanges.Thread] = [:]
        for t in snapshot.threads { stored[t.key] = t }
        var present = Set<String>()
        for t in built.threads {
            let root = messages[t.root]
            let row = ThreadingChanges.Thread(key: t.key, rootKey: root.key, subject: root.subject, messageCount: t.messageCount,
                                              firstDate: t.firstDate, lastDate: t.lastDate)
            present.insert(t.key)
            if stored[t.key] != row { changes.upsertedThreads.append(row) }
        }
        for (i, m) in messages.enumerated() {
            let link = built.links[i]
            let parentKey = link.parent.map { messages[$0].key }
            let method = link.method?.rawValue
            var confidence: Double? = parentKey == nil ? nil : headerConfidence
            if let p = link.parent, let method = link.method, let soft = softConfidence[SoftLink(child: i, parent: p, method: method)] {
                confidence = soft
            }
            let threadKey = built.threads[built.threadOf[i]].key
            if parentKey != m.parentKey || method != m.parentMethod || confidence != m.parentConfidence || threadKey != m.threadKey {
                changes.links.append(ThreadingChanges.Link(messageKey: m.key, parentKey: parentKey, method: method,
                                                           confidence: confidence, threadKey: threadKey))
            }
        }
        changes.removedThreads = snapshot.threads.map(\.key).filter { !present.contains($0) }.sorted()
        return changes
    }

    /// The indices of the messages sharing a value of `key`, each group in date order (undated last,
    /// then in store order); groups of one left out.
    static func groups(_ messages: [ThreadingSnapshot.Message], by key: KeyPath<ThreadingSnapshot.Message, String?>) -> [[Int]] {
        var byKey: [String: [Int]] = [:]
        for (i, m) in messages.enumerated() { if let k = m[keyPath: key] { byKey[k, default: []].append(i) } }
        return byKey.values.filter { $0.count > 1 }.map { group in
            group.sorted { (messages[$0].date ?? .max, $0) < (messages[$1].date ?? .max, $1) }
        }
    }
}
