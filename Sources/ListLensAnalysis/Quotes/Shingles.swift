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
        var h = basis
        var empty = true
        var text = text
        text.withUTF8 { input in
            for b in input {
                guard words.count < maxWords else { return }
                switch b {
                case 0x20, 0x0A, 0x09, 0x0D, 0x0C, 0x0B:
                    if !empty { words.append(h) }
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
        }
        if !empty, words.count < maxWords { words.append(h) }
        return words
    }

    /// Every shingle of the words, in order (none for fewer than ``width`` words).
    public static func all(_ words: [UInt64]) -> [UInt64] {
        guard words.count >= width else { return [] }
        var out: [UInt64] = []
        out.reserveCapacity(words.count - width + 1)
        for i in 0...(words.count - width) {
            var h = basis
            for j in 0..<width {
                h = (h ^ words[i + j]) &* prime
                h ^= h >> 29
            }
            out.append(h)
        }
        return out
    }

    /// The sampled shingles of `text`, distinct, in text order, at most ``maxSampled``; as signed
    /// integers (the bit pattern), which is what SQL stores.
    public static func sampled(_ text: String) -> [Int64] {
        var kept = Set<UInt64>()
        var out: [Int64] = []
        for h in all(words(text)) where h % sampling == 0 && kept.insert(h).inserted {
            out.append(Int64(bitPattern: h))
            if out.count == maxSampled { break }
        }
        return out
    }
}
