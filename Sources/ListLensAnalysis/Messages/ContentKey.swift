import ListLensMail

/// What makes two copies one message when no Message-ID says so: the sender's address, the subject
/// and the body text, each reduced to its ASCII letters and digits.
///
/// A pipermail list holds each message in its `.txt` month and again in an HTML page rebuilt from
/// it, with no Message-ID on the page; the month itself may hold a message twice, once with more
/// trailing blank lines. The bytes differ, the words do not. The key leaves out what archives
/// rewrite: whitespace, punctuation and case (pipermail collapses the subject's spaces on its pages
/// and drops trailing spaces from lines), letters beyond ASCII (its months write `?` for them),
/// the `> ` of quotes, the list's `[tag]` and `Re:` (the subject is ``Subject/normalized(_:)``).
/// It leaves out the date too: a page shows the time the archive received a message, which for
/// mail with a false Date header is hours from it. The same sender sending the same words under
/// the same subject twice is one message to this key.
public enum ContentKey {
    /// Bump when the reduction changes; migration `v3-content` computed the keys of stored messages
    /// with version 1, so a new version needs a migration that computes them again.
    public static let version = 1

    /// Fewer ASCII letters and digits than this, with other letters present (Japanese, Russian),
    /// and the key reads every letter: ASCII alone would not tell such messages apart.
    public static let minimumASCIIAlphanumerics = 32

    /// 32 hex digits (128 bits of SHA-256).
    public static func of(fromAddress: String?, normalizedSubject: String, text: String) -> String {
        var subject = reduced(normalizedSubject, asciiOnly: true)
        var body = reduced(text, asciiOnly: true)
        if subject.count + body.count < minimumASCIIAlphanumerics {
            let allSubject = reduced(normalizedSubject, asciiOnly: false), allBody = reduced(text, asciiOnly: false)
            if allSubject.count + allBody.count > subject.count + body.count { (subject, body) = (allSubject, allBody) }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(subject.count + body.count + 64)
        bytes += (fromAddress ?? "").lowercased().utf8
        bytes.append(0)
        bytes += subject
        bytes.append(0)
        bytes += body
        return String(SHA256.hex(bytes).prefix(32))
    }

    /// The letters and digits of `text`, lowercased, as UTF-8. ASCII only by default: pipermail's
    /// `.txt` months write `?` for every other character (`a ?crit`), its pages keep them (`a écrit`).
    public static func reduced(_ text: String, asciiOnly: Bool = true) -> [UInt8] {
        if asciiOnly {
            // Every byte of a non-ASCII scalar is 0x80 or above: skipping them skips the scalar.
            // Pointer to pointer: this runs over every message's text.
            var text = text
            return text.withUTF8 { input in
                [UInt8](unsafeUninitializedCapacity: input.count) { out, count in
                    var n = 0
                    for b in input {
                        let v = lowercased(b)
                        if isAlphanumeric(v) { out[n] = v; n += 1 }
                    }
                    count = n
                }
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let v = lowercased(UInt8(truncatingIfNeeded: scalar.value))
                if isAlphanumeric(v) { bytes.append(v) }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                bytes += scalar.properties.lowercaseMapping.utf8
            }
        }
        return bytes
    }

    @inline(__always) private static func lowercased(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
    @inline(__always) private static func isAlphanumeric(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }

    /// Of the shorter text's distinct words, the share the other text must hold for two copies
    /// under one Message-ID to be one message.
    public static let minimumSharedWords = 0.7

    /// True when two copies that claim one Message-ID are the same message: same sender and subject,
    /// and most of the shorter text's words (letters and digits) found in the other. A list
    /// adds its footer, an archive rebuilt later rewrites its attachment links (pipermail's `.txt`
    /// months hold such second copies), a bug tracker forwards it with its own headers, one copy's
    /// UTF-7 was decoded and the other's was not (`+AD4- quoted` is `> quoted`): one message.
    /// One mail sent to five bug addresses with five subjects, or a mailer that gives every message
    /// one id, are different messages: imposters, kept apart.
    public static func sameMessage(fromAddress a: String?, normalizedSubject sa: String, text ta: String,
                                   fromAddress b: String?, normalizedSubject sb: String, text tb: String) -> Bool {
        guard (a ?? "").lowercased() == (b ?? "").lowercased(), reduced(sa) == reduced(sb) else { return false }
        let la = wordSet(ta), lb = wordSet(tb)
        let (small, large) = la.count <= lb.count ? (la, lb) : (lb, la)
        guard !small.isEmpty else { return true }
        let shared = small.reduce(0) { $0 + (large.contains($1) ? 1 : 0) }
        return Double(shared) >= minimumSharedWords * Double(small.count)
    }

    /// The text's words (split at ASCII white space), each reduced to its lowercased letters and
    /// digits, other bytes kept, as 64-bit FNV-1a hashes: one pass over the bytes, no allocation
    /// per word (pipermail months hold every message twice, so this runs for half their messages).
    private static func wordSet(_ text: String) -> Set<UInt64> {
        let basis: UInt64 = 0xcbf2_9ce4_8422_2325, prime: UInt64 = 0x0000_0100_0000_01b3
        var words = Set<UInt64>()
        var h = basis
        var empty = true
        var text = text
        text.withUTF8 { input in
            for b in input {
                switch b {
                case 0x20, 0x0A, 0x09, 0x0D, 0x0C, 0x0B:
                    if !empty { words.insert(h) }
                    h = basis
                    empty = true
                default:
                    let v = lowercased(b)
                    if isAlphanumeric(v) || v >= 0x80 {
                        h = (h ^ UInt64(v)) &* prime
                        empty = false
                    }
                }
            }
        }
        if !empty { words.insert(h) }
        return words
    }
}
