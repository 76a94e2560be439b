import Dispatch
import ListLensAnalysis

/// The archive-wide pass that learns each list's footer (``ListFooter``): the trailer most of its
/// messages end with. It runs after threading and before quote attribution, for the lists that are new
/// to it, have grown by a quarter or have shrunk since it last learned; when a list's footer changes, every message
/// of the list is segmented again with it, and the ones whose authored or quoted text moved are
/// rewritten (their quotes then wait for attribution again). Imports after that segment the list's new
/// messages with its footer from the start.
public enum ListFooterPass {
    /// A list is learned again once it holds this many times the messages it was learned from.
    public static let regrowth = 1.25
    /// Messages read per round, for learning and for segmenting again: memory stays flat.
    public static let pageSize = 500

    public struct Report: Sendable, Equatable, Codable {
        /// Lists whose footer was learned this run.
        public var listsLearned = 0
        /// Lists whose footer changed (found, changed or gone).
        public var footersChanged = 0
        /// Messages rewritten because their segments changed.
        public var messagesResegmented = 0
        public init(listsLearned: Int = 0, footersChanged: Int = 0, messagesResegmented: Int = 0) {
            self.listsLearned = listsLearned
            self.footersChanged = footersChanged
            self.messagesResegmented = messagesResegmented
        }
    }

    public static func run(on store: some ListFooterStore) throws -> Report {
        var report = Report()
        for state in try store.listFooterStates() where needsLearning(state) {
            var learner = ListFooter.Learner()
            var after: Int64 = 0
            while true {
                let page = try store.textTails(list: state.list, bytes: ListFooter.tailBytes, after: after, limit: pageSize)
                guard let last = page.last else { break }
                after = last.key
                for t in page { learner.observe(ListFooter.trailer(of: t.tail[...])) }
                // No trailer can reach most of the list any more: stop reading (most lists have no footer).
                if learner.cannotFindFooter(of: state.messages) { break }
            }
            report.listsLearned += 1
            let footer = learner.footer
            if footer != state.footer {
                report.footersChanged += 1
                report.messagesResegmented += try resegment(list: state.list, footer: footer, store: store)
            }
            try store.storeListFooter(list: state.list, footer: footer, learnedFrom: state.messages)
        }
        return report
    }

    /// True for a list with enough messages that was never learned, or has grown (or shrunk) since.
    static func needsLearning(_ s: ListFooterState) -> Bool {
        guard s.messages >= ListFooter.Learner.minimumMessages else { return false }
        guard let from = s.learnedFrom else { return true }
        return Double(s.messages) >= Double(from) * regrowth || s.messages < from
    }

    /// Segments every message of `list` with `footer`, on all cores; stores those whose texts or quote layout changed.
    static func resegment(list: Int64, footer: ListFooter?, store: some ListFooterStore) throws -> Int {
        var changed = 0
        var after: Int64 = 0
        while true {
            let page = try store.storedSegmentations(list: list, after: after, limit: pageSize)
            guard let last = page.last else { break }
            after = last.key
            let redone = ResultSlots<StoredSegmentation?>(count: page.count)
            DispatchQueue.concurrentPerform(iterations: page.count) { i in
                var m = page[i]
                let segments = QuoteSegmenter.segments(of: m.text, senderName: m.senderName, marks: m.marks, footer: footer)
                let q = QuotedText(segments: segments)
                let layout = QuoteLayout(segments: segments)
                let signature = QuoteLayout.signatureText(of: segments)
                guard q.authored != m.authoredText || q.quoted != m.quotedText || layout != m.layout || signature != m.signatureText else {
                    redone.set(i, nil)
                    return
                }
                m.authoredText = q.authored
                m.quotedText = q.quoted
                m.layout = layout
                m.signatureText = signature
                redone.set(i, m)
            }
            let changes = redone.values().compactMap { $0 }
            if !changes.isEmpty { try store.storeSegmentations(changes) }
            changed += changes.count
        }
        return changed
    }
}
