/// Who replies to whom, organization by organization: for each pair, the replies sent from one
/// organization's messages to another's (`listlens orgs --matrix`).
public struct ReplyMatrix: Sendable, Codable, Equatable {
    public struct Cell: Sendable, Codable, Equatable {
        /// The organization of the reply, and of the message it answers; nil for unaffiliated.
        public var from: String?
        public var to: String?
        public var replies: Int
        /// This cell's part of all replies sent from `from`, 0 to 1, to four decimals.
        public var share: Double

        public init(from: String?, to: String?, replies: Int, share: Double) {
            self.from = from
            self.to = to
            self.replies = replies
            self.share = share
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case from, to, replies, share }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(from, forKey: .from)
            try c.encode(to, forKey: .to)
            try c.encode(replies, forKey: .replies)
            try c.encode(share, forKey: .share)
        }

        public static var columns: [String] { CodingKeys.allCases.map(\.stringValue) }
    }

    /// Most replies first.
    public var cells: [Cell]

    public init(cells: [Cell]) { self.cells = cells }

    /// Cells from counted replies (`from` counts), each share over the replies its `from` sent.
    public init(counts: [(from: String?, to: String?, replies: Int)]) {
        var sent: [String?: Int] = [:]
        for c in counts { sent[c.from, default: 0] += c.replies }
        cells = counts.map { c in
            let total = sent[c.from] ?? 0
            return Cell(from: c.from, to: c.to, replies: c.replies,
                        share: total > 0 ? (Double(c.replies) / Double(total) * 10_000).rounded() / 10_000 : 0)
        }.sorted { ($0.replies, $1.from ?? "", $1.to ?? "") > ($1.replies, $0.from ?? "", $0.to ?? "") }
    }

    public static func build(store: any ReportProducing, _ query: ReportQuery = ReportQuery()) throws -> ReplyMatrix {
        try store.replyMatrix(query)
    }
}
