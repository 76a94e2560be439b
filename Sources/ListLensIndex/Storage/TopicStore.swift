import ListLensAnalysis

/// A store that keeps each thread's topics (``TopicPass``): its subject tags and key phrases.
public protocol TopicStore: Sendable {
    /// Threads whose topics were last found by another version of the pass (or never, or whose
    /// messages changed since), with keys above `after`, fewest first, at most `limit`; each with
    /// its first `maxMessages` messages.
    func pendingTopicThreads(version: Int, after: Int64, limit: Int, maxMessages: Int) throws -> [TopicThreadInput]
    /// Replaces these threads' topics with the tags and candidates given (none a key phrase yet)
    /// and records that `version` found them.
    func storeThreadTopics(_ topics: [ThreadTopics], version: Int) throws
    /// How many threads hold topics, and for each of `threads` its candidates with how many
    /// threads hold each.
    func topicCandidates(threads: [Int64]) throws -> (threads: Int, candidates: [Int64: [KeyPhrases.Held]])
    /// How many messages the store holds, and how many hold each of `words` (folded), for the
    /// words the store can count (a word it cannot, such as `twisted.web`, is left out).
    func messagesHolding(words: [String]) throws -> (messages: Int, holding: [String: Int])
    /// Marks these phrases (``KeyPhrases/Candidate/phrase``) as each thread's key phrases.
    func storeKeyPhrases(_ keys: [Int64: [String]]) throws
}
