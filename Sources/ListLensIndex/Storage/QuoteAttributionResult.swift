/// Where each quoted segment of one message comes from.
public struct QuoteAttributionResult: Sendable, Equatable {
    public struct Source: Sendable, Equatable {
        /// The segment's position in the message's segments.
        public var segment: Int
        /// The message quoted; nil when it is not in the store ("unknown source").
        public var source: Int64?
        public var confidence: Double?
        /// `cite` (the HTML's `<blockquote cite="mid:…">` names it), `ancestor` (found in the thread
        /// above), `shingles` (found elsewhere in the store), `unknown`.
        public var method: String

        public init(segment: Int, source: Int64?, confidence: Double?, method: String) {
            self.segment = segment
            self.source = source
            self.confidence = confidence
            self.method = method
        }
    }

    public var key: Int64
    public var sources: [Source]

    public init(key: Int64, sources: [Source]) {
        self.key = key
        self.sources = sources
    }
}
