import Dispatch
import ListLensAnalysis
import ListLensText

/// Finds each thread's topics: the topic tags of its subjects (``SubjectTag``: not patch markers,
/// not the list's own name) and its key phrases (``KeyPhrases``, from what its people wrote).
///
/// It runs after threading, over the threads that changed (new ones, and those the threading pass
/// wrote again because messages joined or left them), in two steps: first each thread's tags and
/// candidate phrases are stored, which updates how many threads hold each phrase; then the key
/// phrases of those threads are chosen with the counts of the whole store. Threads whose topics
/// were chosen before keep them: a phrase's rarity drifts as an archive grows, and
/// ``version`` is bumped when the way they are chosen changes, which redoes every thread.
public enum TopicPass {
    /// Bump when tags or phrases are found differently: every thread is done again.
    /// 2: a tag is the list's own name when it names the list its message came through (1 asked the thread's first message's list).
    public static let version = 2
    /// Threads read, and analysed on all cores, at once.
    public static let batchSize = 500
    /// Messages of a thread read: a thread of thousands of messages is known by its first ones.
    public static let maxMessages = 500
    /// Threads whose key phrases are chosen at once.
    static let choosingBatch = 2_000

    public struct Report: Sendable, Equatable, Codable {
        /// Threads whose topics were found again.
        public var threads = 0
        /// Of those, the threads with a topic tag, and with a key phrase.
        public var tagged = 0
        public var withKeyPhrases = 0
        public init() {}
    }

    public static func run(on store: some TopicStore) throws -> Report {
        var report = Report()
        var done: [Int64] = []
        var after: Int64 = 0
        while true {
            let batch = try store.pendingTopicThreads(version: version, after: after, limit: batchSize, maxMessages: maxMessages)
            guard let last = batch.last else { break }
            after = last.thread
            let found = ResultSlots<ThreadTopics>(count: batch.count)
            DispatchQueue.concurrentPerform(iterations: batch.count) { i in
                found.set(i, topics(of: batch[i]))
            }
            let threads = found.values()
            try store.storeThreadTopics(threads, version: version)
            report.threads += threads.count
            report.tagged += threads.count { !$0.tags.isEmpty }
            done += batch.map(\.thread)
        }
        // How many messages hold each single word: asked of the store once per word and run (its
        // index reads the word's whole list of documents to count them); a word it cannot count
        // is asked once too, and keeps no count.
        var asked = Set<String>()
        var holding: [String: Int] = [:]
        var messages = 0
        var start = 0
        while start < done.count {
            let chunk = Array(done[start..<min(done.count, start + choosingBatch)])
            start += chunk.count
            let found = try store.topicCandidates(threads: chunk)
            let total = found.threads
            var candidates = found.candidates
            var unknown = Set<String>()
            for held in candidates.values {
                for h in held where h.candidate.words == 1 && !asked.contains(h.candidate.phrase) { unknown.insert(h.candidate.phrase) }
            }
            if !unknown.isEmpty || messages == 0 {
                let counted = try store.messagesHolding(words: unknown.sorted())
                messages = counted.messages
                holding.merge(counted.holding) { _, new in new }
                asked.formUnion(unknown)
            }
            for (thread, held) in candidates {
                candidates[thread] = held.map { h in
                    var h = h
                    if h.candidate.words == 1 { h.messages = holding[h.candidate.phrase] }
                    return h
                }
            }
            var keys: [Int64: [String]] = [:]
            for (thread, held) in candidates {
                let chosen = KeyPhrases.key(held, threads: total, messages: messages)
                if !chosen.isEmpty { keys[thread] = chosen.map(\.phrase) }
            }
            try store.storeKeyPhrases(keys)
            report.withKeyPhrases += keys.count
        }
        return report
    }

    /// A thread's topic tags (each with the messages carrying it) and candidate phrases.
    static func topics(of thread: TopicThreadInput) -> ThreadTopics {
        var tags: [ThreadTopics.Tag] = []
        var index: [String: Int] = [:]
        for subject in thread.subjects {
            for tag in SubjectTag.topics(of: subject.subject, list: subject.list) {
                let name = tag.folded
                if let i = index[name] {
                    tags[i].messages += 1
                } else {
                    index[name] = tags.count
                    tags.append(ThreadTopics.Tag(name: name, label: tag, messages: 1))
                }
            }
        }
        return ThreadTopics(thread: thread.thread, tags: tags, candidates: KeyPhrases.candidates(in: thread.texts, names: thread.names))
    }
}
