import ListLensAnalysis

/// When an incoming message is one already stored, and what then happens to it. One rule set for
/// every backend: the backend answers the lookups (``StoredCopyLookup``), this decides.
///
/// - A message without a Message-ID is a copy of a stored message with its synthetic id (the same
///   bytes) or its ``ContentKey`` (the same sender, subject and words: the pipermail page of a
///   `.txt` month's message, or the month's second copy of it).
/// - A message with a Message-ID is a copy of the message stored under that id when both are the
///   same message: the same content key (the message's own, or one remembered from an earlier
///   copy), or the same sender and subject with most words shared (a list footer, rewritten
///   attachment links: ``ContentKey/sameMessage(fromAddress:normalizedSubject:text:fromAddress:normalizedSubject:text:)``).
///   Otherwise it is an imposter (public-inbox's term): stored too, beside the first, with the
///   defect `reused-message-id`.
/// - A message with a Message-ID whose content matches a message stored without one gives that
///   message its id and headers: the HTML page was read before its mbox.
/// - With `replacing` (`listlens import --replace`), a copy replaces what is stored instead of being
///   skipped: the way to correct a guess, such as a bare HTML body imported without `--from`. A
///   copy without a Message-ID never replaces one stored with its id.
public enum Deduplication {
    public enum Decision: Sendable, Equatable {
        /// A new message.
        case insert
        /// A different message reusing the Message-ID of the stored message `of`.
        case imposter(of: Int64)
        /// Already stored as `of`: skipped.
        case duplicate(of: Int64)
        /// Already stored as `of`, in other words (a footer, rewritten links): skipped, and its
        /// content key remembered as a copy of `of`, so the next copy like it is found at once.
        case copy(of: Int64)
        /// Already stored as this key; the incoming copy takes its place (`--replace`).
        case replace(Int64)
        /// Stored without a Message-ID as this key; the incoming copy, which has one, takes its place.
        case identify(Int64)
    }

    public static func decide(_ a: AnalyzedMessage, replacing: Bool, in stored: some StoredCopyLookup) throws -> Decision {
        let m = a.message
        if m.messageIDIsSynthetic {
            if let same = try stored.holder(ofMessageID: m.messageID) {   // the same bytes
                return replacing ? .replace(same.key) : .duplicate(of: same.key)
            }
            if let copy = try stored.copy(withContentKey: a.contentKey) {
                // A copy with no Message-ID never takes the place of one that has it.
                return replacing && copy.synthetic ? .replace(copy.key) : .duplicate(of: copy.key)
            }
            return .insert
        }
        if let holder = try stored.holder(ofMessageID: m.messageID) {
            if replacing { return .replace(holder.key) }
            if holder.contentKey == a.contentKey { return .duplicate(of: holder.key) }
            if try stored.idHolderOrImposter(holder.key, hasContentKey: a.contentKey) { return .duplicate(of: holder.key) }
            let s = try stored.comparable(holder.key)
            if ContentKey.sameMessage(fromAddress: s.fromAddress, normalizedSubject: s.normalizedSubject, text: s.text,
                                      fromAddress: m.from?.address, normalizedSubject: a.normalizedSubject, text: m.text) {
                return .copy(of: holder.key)
            }
            return .imposter(of: holder.key)
        }
        if let copy = try stored.copy(withContentKey: a.contentKey), copy.synthetic { return .identify(copy.key) }
        return .insert
    }
}
