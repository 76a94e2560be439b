/// Fingerprints of text for finding where a quote comes from: a 64-bit hash of every run of
/// ``width`` words, each word reduced to its lowercased letters and digits (as ``ContentKey``
/// reduces text), so re-wrapping, `>` prefixes, punctuation and case do not change them.
///
/// An index keeps a sample: the hashes divisible by ``sampling``. Two texts sharing a passage keep
/// the same sampled hashes of it (the choice depends on the words, not on where they stand), so the
/// sample of a quote finds the messages it came from; ``QuoteMatcher`` then compares all shingles.
public enum Shingles {
    /// Bump when words, hashes or sampling change: stored samples of an older version are recomputed.
    public static let version = 1
    /// Words per shingle: long enough that common phrases rarely match, short enough for one-line quotes.
    public static let width = 5
    /// One shingle in this many is kept in the index.
    public static let sampling: UInt64 = 2
    /// Most sampled shingles kept per text: a bound on index rows per message.
    public static let maxSampled = 256
    /// Most words read from one text: a bound on work for a huge body.
    public static let maxWords = 200_000

    private static let basis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The words of `text` as hashes, in order; tokens with no letter or digit (`>`, `--`) are left out.
    public static func words(_ text: String) -> [UInt64] {
        var words: [UInt64] = []
        words.reserveCapacity(min(text.utf8.count / 6 + 1, maxWords))
        forEachWord(text) { words.append($0); return true }
        return words
    }

    /// Calls `body` with the hash of each word of `text` in order, at most ``maxWords``, until it returns false.
    @inline(__always)
    static func forEachWord(_ text: String, _ body: (UInt64) -> Bool) {
        var h = basis
        var empty = true
        var count = 0
        var text = text
        let stopped = text.withUTF8 { input -> Bool in
            for b in input {
                switch b {
                case 0x20, 0x0A, 0x09, 0x0D, 0x0C, 0x0B:
                    if !empty {
                        guard count < maxWords, body(h) else { return true }
                        count += 1
                    }
                    h = basis
                    empty = true
                default:
                    let v = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                    if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || v >= 0x80 {
                        h = (h ^ UInt64(v)) &* prime
                        empty = false
                    }
                }
            }
            return false
        }
        if !stopped, !empty, count < maxWords { _ = body(h) }
    }

    /// Every shingle of the words, in order (none for fewer than ``width`` words).
    public static func all(_ words: [UInt64]) -> [UInt64] {
        guard words.count >= width else { return [] }
        var out: [UInt64] = []
        out.reserveCapacity(words.count - width + 1)
        for i in 0...(words.count - width) { out.append(shingle { words[i + $0] }) }
        return out
    }

    /// The hash of one run of ``width`` word hashes; `word(j)` is the run's `j`th word.
    @inline(__always)
    static func shingle(_ word: (Int) -> UInt64) -> UInt64 {
        var h = basis
        for j in 0..<width {
            h = (h ^ word(j)) &* prime
            h ^= h >> 29
        }
        return h
    }

    /// The sampled shingles of `text`, distinct, in text order, at most ``maxSampled``; as signed
    /// integers (the bit pattern), which is what SQL stores. Words are read only until the sample
    /// is full: a long text costs no more than its first few hundred words.
    public static func sampled(_ text: String) -> [Int64] {
        var kept = ShingleSet(minimumCapacity: maxSampled)
        var out: [Int64] = []
        // The last `width` words, in a ring: the oldest is at `seen % width`.
        var run = [UInt64](repeating: 0, count: width)
        var seen = 0
        forEachWord(text) { w in
            run[seen % width] = w
            seen += 1
            guard seen >= width else { return true }
            let h = shingle { run[(seen + $0) % width] }
            if h % sampling == 0, kept.insert(h) {
                out.append(Int64(bitPattern: h))
                if out.count == maxSampled { return false }
            }
            return true
        }
        return out
    }
}
