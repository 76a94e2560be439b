import ListLensMail

/// Finds the MIME facts (``MIMEFacts``: an HTML part, an attachment) of the messages stored before
/// the store kept them, by reading each one's archive file again, once per file. An import writes
/// every new message's facts itself, so after the first run this pass finds nothing to do.
public enum MIMEFactsPass {
    /// What is stored for a message whose bytes cannot be read again (its file is gone or changed,
    /// or it came from standard input): `has:` never finds it.
    public static let unreadable = -1

    public struct Report: Sendable, Equatable, Codable {
        /// Messages whose facts were found.
        public var messages = 0
        /// Messages whose bytes could not be read again.
        public var unreadable = 0
        public init(messages: Int = 0, unreadable: Int = 0) {
            self.messages = messages
            self.unreadable = unreadable
        }
    }

    public static func run(on store: some MIMEFactsStore, parser: MessageParser = MessageParser()) throws -> Report {
        var report = Report()
        for source in try store.messagesWithoutMIMEFacts() {
            var found: [(key: Int64, facts: Int)] = []
            var keys: [Int64: Int64] = [:], lengths: [Int64: Int64] = [:]
            for m in source.messages {
                keys[m.offset] = m.key
                lengths[m.offset] = m.length
            }
            var read = Set<Int64>()
            do {
                _ = try OriginalBytes.forEach(in: source.path, lengths: lengths) { raw in
                    guard let key = keys[raw.offset] else { return }
                    found.append((key, parser.mimeFacts(raw).rawValue))
                    read.insert(key)
                }
            } catch {
                // Gone, changed or unreadable from some byte on: the messages not read are unreadable.
            }
            report.messages += read.count
            for m in source.messages where !read.contains(m.key) {
                found.append((m.key, unreadable))
                report.unreadable += 1
            }
            try store.storeMIMEFacts(found)
        }
        return report
    }
}
