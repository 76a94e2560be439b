/// What a list talks about (`listlens topics`): its topics (subject tags and key phrases, found by
/// ``TopicPass``) with the messages of the threads that hold them, the people who wrote those, and
/// the organizations most involved; with ``ReportQuery/by``, the topics of each period.
public struct TopicReport: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        /// The period (`2020-03`, `2020-Q1`, `2020`) when the report is grouped by one, else nil.
        public var period: String?
        /// As first written: `nova`, `connection pool`.
        public var topic: String
        /// `tag` (a bracketed subject tag) or `phrase` (a key phrase of the threads' own words).
        public var kind: String
        /// Counted messages in the threads holding the topic (of the period, list and organization chosen).
        public var messages: Int
        public var threads: Int
        public var people: Int
        public var firstMessage: String?
        public var lastMessage: String?
        /// The organizations with the most of those messages (at most ``TopicReport/organizationsShown``), most first.
        public var organizations: [Organization]

        public struct Organization: Sendable, Codable, Equatable {
            public var name: String
            public var messages: Int
            public init(name: String, messages: Int) {
                self.name = name
                self.messages = messages
            }
        }

        public init(period: String? = nil, topic: String, kind: String, messages: Int, threads: Int, people: Int,
                    firstMessage: String?, lastMessage: String?, organizations: [Organization] = []) {
            self.period = period
            self.topic = topic
            self.kind = kind
            self.messages = messages
            self.threads = threads
            self.people = people
            self.firstMessage = firstMessage
            self.lastMessage = lastMessage
            self.organizations = organizations
        }

        /// The contract's names (docs/json-output.md).
        enum CodingKeys: String, CodingKey, CaseIterable {
            case period, topic, kind, messages, threads, people, firstMessage = "first_message", lastMessage = "last_message", organizations
        }

        /// Every key is written, `null` included.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(period, forKey: .period)
            try c.encode(topic, forKey: .topic)
            try c.encode(kind, forKey: .kind)
            try c.encode(messages, forKey: .messages)
            try c.encode(threads, forKey: .threads)
            try c.encode(people, forKey: .people)
            try c.encode(firstMessage, forKey: .firstMessage)
            try c.encode(lastMessage, forKey: .lastMessage)
            try c.encode(organizations, forKey: .organizations)
        }

        /// CSV columns: the JSON keys, the organizations as `name (messages)` joined by `; `.
        public static let columns = CodingKeys.allCases.map(\.rawValue)

        public var cells: [String] {
            [period ?? "", topic, kind, String(messages), String(threads), String(people), firstMessage ?? "", lastMessage ?? "",
             organizations.map { "\($0.name) (\($0.messages))" }.joined(separator: "; ")]
        }
    }

    /// Organizations named per topic.
    public static let organizationsShown = 3

    /// The rows, most messages first (per period, periods in order); at most the `first` asked per period.
    public var rows: [Row]
    /// Topics the chosen messages hold (per period, summed), shown or not.
    public var topics: Int
    /// Threads in the store whose topics are not found yet (the pass runs after each import), 0 when all are.
    public var threadsPending: Int

    public init(rows: [Row], topics: Int, threadsPending: Int = 0) {
        self.rows = rows
        self.topics = topics
        self.threadsPending = threadsPending
    }
}
