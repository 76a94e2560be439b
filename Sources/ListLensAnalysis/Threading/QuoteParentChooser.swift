/// Chooses the message a reply quotes, from the sampled shingles its depth-1 quote shares with
/// stored messages' own text: the pure half of threading from quoted text.
///
/// Used where headers give no parent (HTML archives, broken clients, `--ignore-thread-headers`):
/// the threading pass adds the chosen messages as candidates after the header ones.
///
/// The parent is the message whose words the quote starts with. A reply that quotes everything
/// without `>` (Outlook's top posting) holds its grandparent's words too, further down; a reply to
/// version 9 of a patch holds most of version 8's words as well, but all of version 9's. So the
/// ranking is: the quote's attribution naming the candidate's sender, then giving its date, then where in the quote the
/// candidate's words first appear, then how much of the candidate's own text the quote holds, then
/// the latest sent before the reply. (A plain part flattened from HTML can put the grandparent's
/// words first, under the parent's `From:` block: the attribution still names the parent.) A quote
/// too short for its words to be found (`> Signed-off-by: …`) is placed by its attribution alone when
/// that names exactly one message by its sender and date.
public enum QuoteParentChooser {
    /// Two messages sharing sampled shingles: a reply's quote and another message's own text.
    public struct Overlap: Sendable, Equatable {
        public var child: Int64
        public var parent: Int64
        /// Sampled shingles of the child's quote that the parent's own text holds.
        public var shared: Int
        /// Sampled shingles of the child's quote.
        public var childQuoteShingles: Int
        /// Sampled shingles of the parent's own text.
        public var parentOwnShingles: Int
        /// Position (in sampled shingles, from 0) of the first shared shingle in the child's quote.
        public var firstPosition: Int
        /// Epoch seconds.
        public var childDate: Int64?
        public var parentDate: Int64?
        public var sameList: Bool
        /// True when the child's quote is attributed (`On … X wrote:`, `From: X`) to the parent's sender.
        public var attributed: Bool
        /// The date the child's attribution gives, if it gives one: UTC minutes when `quoteZoned`
        /// (``Attribution/utcMinute``), else the writer's wall clock (``Attribution/localMinute``).
        public var quoteMinute: Int64?
        public var quoteZoned: Bool
        /// The UTC second, when the attribution gives zone and seconds (``Attribution/utcSecond``).
        public var quoteSecond: Int64?

        public init(child: Int64, parent: Int64, shared: Int, childQuoteShingles: Int, parentOwnShingles: Int, firstPosition: Int,
                    attributed: Bool = false, quoteMinute: Int64? = nil, quoteZoned: Bool = false, quoteSecond: Int64? = nil,
                    childDate: Int64?, parentDate: Int64?, sameList: Bool) {
            self.attributed = attributed
            self.quoteMinute = quoteMinute
            self.quoteZoned = quoteZoned
            self.quoteSecond = quoteSecond
            self.child = child
            self.parent = parent
            self.shared = shared
            self.childQuoteShingles = childQuoteShingles
            self.parentOwnShingles = parentOwnShingles
            self.firstPosition = firstPosition
            self.childDate = childDate
            self.parentDate = parentDate
            self.sameList = sameList
        }

        /// True when the attribution's date is the parent's (on some time zone's clock).
        var dateMatched: Bool {
            guard let q = quoteMinute, let p = parentDate else { return false }
            if let s = quoteSecond { return s == p }
            return quoteZoned ? abs(q - p / 60) <= 1 : Attribution.matches(localMinute: q, epochSeconds: p)
        }

        /// The share of the quote the parent's text accounts for.
        var quoteShare: Double { Double(shared) / Double(max(childQuoteShingles, 1)) }
        /// The share of the parent's own text the quote holds.
        var parentShare: Double { Double(shared) / Double(max(parentOwnShingles, 1)) }
    }

    /// A parent found from quoted text, with how sure it is (0 to 1, below the headers' 1).
    public struct Choice: Sendable, Equatable {
        public var child: Int64
        public var parent: Int64
        public var shared: Int
        public var confidence: Double
        /// `quote` when the words were found, `attribution` when only the attribution's sender and date match.
        public var method: ParentMethod

        public init(child: Int64, parent: Int64, shared: Int, confidence: Double, method: ParentMethod) {
            self.child = child
            self.parent = parent
            self.shared = shared
            self.confidence = confidence
            self.method = method
        }
    }

    /// Confidence of a parent found by its attribution's sender and date alone.
    public static let attributionConfidence = 0.8

    /// A parent accounts for this share of the quote, or the quote holds ``minimumParentShare`` of it.
    public static let minimumQuoteShare = 0.3
    public static let minimumParentShare = 0.5
    /// Sent this long after the reply (clock skew between senders), a message can still be its parent.
    public static let allowedSkew: Int64 = 6 * 3600
    /// Confidence never reaches the headers'.
    public static let maximumConfidence = 0.95
    /// Candidates kept per reply, best first: the threading pass takes the first that closes no loop.
    public static let candidatesPerReply = 3
    /// Starts in the same run of this many sampled shingles count as the same start.
    public static let startBucket = 2

    /// True when the words show the quote is the candidate's.
    static func wordsMatch(_ o: Overlap) -> Bool {
        o.childQuoteShingles > 0 && o.shared >= min(2, o.childQuoteShingles)
            && (o.quoteShare >= minimumQuoteShare || o.parentShare >= minimumParentShare)
    }

    /// - Parameter overlaps: shingle overlaps, and candidates named by the attribution (`shared` 0);
    ///   one pair may come twice, once of each kind.
    public static func choose(_ overlaps: [Overlap]) -> [Choice] {
        var merged: [Int64: [Int64: Overlap]] = [:]
        for o in overlaps where o.child != o.parent {
            if let c = o.childDate, let p = o.parentDate, p > c + allowedSkew { continue }
            if var known = merged[o.child]?[o.parent] {
                if o.shared > known.shared { (known.shared, known.firstPosition) = (o.shared, o.firstPosition) }
                known.childQuoteShingles = max(known.childQuoteShingles, o.childQuoteShingles)
                known.parentOwnShingles = max(known.parentOwnShingles, o.parentOwnShingles)
                known.attributed = known.attributed || o.attributed
                known.quoteMinute = known.quoteMinute ?? o.quoteMinute
                known.quoteSecond = known.quoteSecond ?? o.quoteSecond
                known.quoteZoned = known.quoteZoned || o.quoteZoned
                merged[o.child]?[o.parent] = known
            } else {
                merged[o.child, default: [:]][o.parent] = o
            }
        }
        // The words decide where they match; the attribution alone only when it names one message.
        var byChild: [Int64: [Overlap]] = [:]
        for (child, parents) in merged {
            let byWords = parents.values.filter(wordsMatch)
            let byAttribution = parents.values.filter { $0.attributed && $0.dateMatched }
            if !byWords.isEmpty { byChild[child] = byWords } else if byAttribution.count == 1 { byChild[child] = byAttribution }
        }
        var out: [Choice] = []
        for child in byChild.keys.sorted() {
            let ranked = byChild[child, default: []].sorted(by: better)
            for (rank, o) in ranked.prefix(candidatesPerReply).enumerated() {
                // As sure as the quote is the candidate's, less for a runner-up.
                let words = wordsMatch(o)
                let evidence = words ? min(maximumConfidence, max(o.quoteShare, o.parentShare)) : attributionConfidence
                let confidence = evidence / Double(rank + 1)
                out.append(Choice(child: child, parent: o.parent, shared: o.shared, confidence: (confidence * 1000).rounded() / 1000,
                                  method: words ? .quote : .attribution))
            }
        }
        return out
    }

    /// Attributed to its sender, then the attribution's date is its date, then earlier start in the quote, then more of the quote explained,
    /// then more of the candidate held (in steps of 5%), then of the same list (a cross-posted thread's copies name different lists),
    /// then sent later, then the lower key: a strict order, on bucketed values.
    static func better(_ a: Overlap, _ b: Overlap) -> Bool {
        func key(_ o: Overlap) -> ((Int, Int, Int), (Int, Int, Int, Int64, Int64)) {
            ((o.attributed ? 0 : 1, o.dateMatched ? 0 : 1, o.firstPosition / startBucket),
             (-o.shared, -Int((o.parentShare * 20).rounded()), o.sameList ? 0 : 1, -(o.parentDate ?? .min / 2), o.parent))
        }
        let (ka, kb) = (key(a), key(b))
        return ka.0 != kb.0 ? ka.0 < kb.0 : ka.1 < kb.1
    }
}
