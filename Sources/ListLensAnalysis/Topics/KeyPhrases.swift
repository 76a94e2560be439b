import Foundation
import ListLensText

/// Key phrases of a thread: the one-, two- and three-word phrases its people wrote most
/// (authored text only: quotes are someone else's words), weighed by how few other threads hold
/// them (TF-IDF over threads).
///
/// A phrase is a run of content words: words of two letters or fewer, stopwords in any of the
/// archives' languages (``Stopwords``), numbers, and punctuation end it. Not read: signatures
/// (after `-- `), code (lines indented by a tab or four spaces, `>>>` lines, and the `+`, `-`,
/// `@@` lines of a message holding a diff), trailers and header lines (`Signed-off-by:`, `Cc:`),
/// and the names of the thread's own senders. Words are folded as searches fold them
/// (``StringProtocol/folded``); each phrase keeps the spelling it was first written with as its label.
///
/// Two steps, because how rare a phrase is depends on every other thread: ``candidates(in:)``
/// counts a thread's phrases (the ones written at least twice, most first); ``key(_:threads:)``
/// picks the key phrases among them once each candidate's thread count is known.
public enum KeyPhrases {
    /// Longest phrase, in words.
    public static let maxPhraseWords = 3
    /// Candidates kept per thread (by occurrences times words): the ones whose thread counts are kept.
    public static let candidatesPerThread = 12
    /// Key phrases chosen per thread.
    public static let keyPerThread = 5
    /// A candidate is written at least this often in its thread.
    public static let minimumOccurrences = 2
    /// Text read per thread, in UTF-8 bytes: a thread of thousands of messages is known by its first ones.
    public static let maxTextBytes = 512 * 1024
    /// Longer words are identifiers, hashes or base64, not topics.
    public static let maxWordLength = 32
    /// A phrase held by more than this share of all threads is the list's vocabulary, not a topic.
    public static let maxThreadShare = 0.2

    public struct Candidate: Sendable, Equatable {
        /// Folded words joined by one space: `connection pool`.
        public var phrase: String
        /// As first written: `Connection Pool`.
        public var label: String
        public var occurrences: Int
        public var words: Int

        public init(phrase: String, label: String, occurrences: Int, words: Int) {
            self.phrase = phrase
            self.label = label
            self.occurrences = occurrences
            self.words = words
        }
    }

    /// A thread's candidates: its phrases written at least ``minimumOccurrences`` times, at most
    /// ``candidatesPerThread``, by occurrences times words, then alphabetically.
    /// `texts` are the authored texts of the thread's messages (and its root's own subject);
    /// a phrase made of words of `names` (its senders' names) is not a candidate.
    public static func candidates(in texts: some Sequence<String>, names: some Sequence<String> = [String]()) -> [Candidate] {
        var counts: [String: (label: String, count: Int, words: Int)] = [:]
        var budget = maxTextBytes
        for text in texts {
            guard budget > 0 else { break }
            budget -= text.utf8.count
            for run in runs(in: text) {
                for start in run.indices {
                    var phrase = ""
                    var label = ""
                    for length in 1...maxPhraseWords where start + length <= run.count {
                        let word = run[start + length - 1]
                        if length > 1 { phrase += " "; label += " " }
                        phrase += word.folded
                        label += word.written
                        counts[phrase, default: (label, 0, length)].count += 1
                    }
                }
            }
        }
        var nameWords = Set<String>()
        for name in names {
            for word in name.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) { nameWords.insert(word.folded) }
        }
        return counts.filter { $0.value.count >= minimumOccurrences }
            .filter { nameWords.isEmpty || !$0.key.split(separator: " ").allSatisfy { nameWords.contains(String($0)) } }
            .map { Candidate(phrase: $0.key, label: $0.value.label, occurrences: $0.value.count, words: $0.value.words) }
            .sorted { ($0.occurrences * $0.words, $1.phrase) > ($1.occurrences * $1.words, $0.phrase) }
            .prefix(candidatesPerThread).map { $0 }
    }

    /// How common a candidate is: how many threads hold it as a candidate, and for a single
    /// word, how many messages hold it anywhere (their full-text index says; nil when unknown).
    /// Threads hold a phrase as a candidate only where they repeat it, so a word many
    /// messages hold once each (`people`, `data`) is common by its messages.
    public struct Held: Sendable, Equatable {
        public var candidate: Candidate
        public var threads: Int
        public var messages: Int?

        public init(candidate: Candidate, threads: Int, messages: Int? = nil) {
            self.candidate = candidate
            self.threads = threads
            self.messages = messages
        }
    }

    /// The key phrases among a thread's candidates, best first: score `(1 + ln occurrences) ×
    /// idf × (1 + (words − 1) / 2)`, where idf is `ln(messages / holding)` for a single word whose
    /// messages are known, else `ln(threads / holding)`. A phrase no other thread holds is not a
    /// topic; nor is one more than ``maxThreadShare`` of all threads (or messages) hold; nor a
    /// phrase inside a better one, or holding one.
    public static func key(_ held: [Held], threads total: Int, messages: Int = 0) -> [Candidate] {
        guard total > 0 else { return [] }
        func share(_ n: Int, of all: Int) -> Bool { n <= max(2, Int(Double(all) * maxThreadShare)) }
        let scored = held.compactMap { h -> (Candidate, Double)? in
            guard h.threads >= 2, share(h.threads, of: total) else { return nil }
            let idf: Double
            if h.candidate.words == 1, let docs = h.messages, messages > 0 {
                guard share(docs, of: messages) else { return nil }
                idf = log(Double(messages) / Double(max(docs, 1)))
            } else {
                idf = log(Double(total) / Double(h.threads))
            }
            return (h.candidate, (1 + log(Double(h.candidate.occurrences))) * idf * (1 + Double(h.candidate.words - 1) / 2))
        }.sorted { ($0.1, $1.0.phrase) > ($1.1, $0.0.phrase) }
        var chosen: [Candidate] = []
        for (c, _) in scored where chosen.count < keyPerThread {
            let padded = " \(c.phrase) "
            if chosen.contains(where: { " \($0.phrase) ".contains(padded) || padded.contains(" \($0.phrase) ") }) { continue }
            chosen.append(c)
        }
        return chosen
    }

    struct Word {
        var written: Substring
        var folded: String
    }

    /// The runs of content words of a text, outside signatures and patch code.
    static func runs(in text: String) -> [[Word]] {
        var runs: [[Word]] = []
        var run: [Word] = []
        func end() {
            if !run.isEmpty { runs.append(run); run.removeAll(keepingCapacity: true) }
        }
        let patch = hasLine(startingWith: "diff --git ", in: text)
        var rest = text[...]
        while !rest.isEmpty {
            // Lines by bytes (Character by Character, splitting was a fifth of this function).
            let newline = rest.utf8.firstIndex(of: 0x0A)
            let line = rest[..<(newline ?? rest.endIndex)]
            rest = newline.map { rest[rest.utf8.index(after: $0)...] } ?? rest[rest.endIndex...]
            if line == "-- " || line == "--" { break }
            if patch, let first = line.utf8.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: "@")
                || first == UInt8(ascii: " ") || first == UInt8(ascii: "\\") || line.hasPrefix("diff ") || line.hasPrefix("index ") {
                end()
                continue
            }
            if line.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) || isCodeOrField(line) { end(); continue }
            var wordStart: Substring.Index? = nil
            // By scalar, not by Character: a Character's Unicode properties cost a table lookup for
            // every letter of every message (this loop was most of the topic pass). A word's marks
            // and joiners, which a Character would hold with its letter, keep the word going.
            let scalars = line.unicodeScalars
            var index = scalars.startIndex
            func close(at stop: Substring.Index) {
                guard let s = wordStart else { return }
                wordStart = nil
                let word = line[s..<stop]
                let folded = word.folded
                if isContent(word, folded: folded) {
                    run.append(Word(written: word, folded: folded))
                } else {
                    end()
                }
            }
            while index < scalars.endIndex {
                let c = scalars[index]
                let next = scalars.index(after: index)
                if Self.isWordScalar(c) || (wordStart != nil && Self.extendsWord(c)) {
                    if wordStart == nil { wordStart = index }
                } else if wordStart != nil, c == "-" || c == ".", next < scalars.endIndex, Self.isLetterOrDigit(scalars[next]) {
                    // inside a word: `non-blocking`, `twisted.web` (`don't` is two words, both stopwords)
                } else {
                    close(at: index)
                    if !(c == " " || c == "\t" || c == "\r") { end() }
                }
                index = next
            }
            close(at: line.endIndex)
        }
        end()
        return runs
    }

    /// Whether a line of `text` starts with `prefix` (ASCII), by bytes: Foundation's `contains`
    /// bridged every message's text to UTF-16 to search it.
    static func hasLine(startingWith prefix: StaticString, in text: String) -> Bool {
        let p = UnsafeRawBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        var atLineStart = true
        var matched = 0
        for b in text.utf8 {
            if atLineStart || matched > 0 {
                if b == p[matched] {
                    matched += 1
                    if matched == p.count { return true }
                    atLineStart = false
                    continue
                }
                matched = 0
            }
            atLineStart = b == 0x0A
        }
        return false
    }

    /// What a word is made of: letters, digits and `_`.
    @inline(__always)
    static func isWordScalar(_ c: Unicode.Scalar) -> Bool { c == "_" || isLetterOrDigit(c) }

    /// A letter or digit, as `Character.isLetter` and `isNumber` read a character's first scalar.
    @inline(__always)
    static func isLetterOrDigit(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 {
            let lower = v | 0x20
            return (lower >= 0x61 && lower <= 0x7A) || (v >= 0x30 && v <= 0x39)
        }
        return c.properties.isAlphabetic || c.properties.numericType != nil
    }

    /// What a Character holds after its first scalar (grapheme extenders: combining marks, the
    /// zero-width non-joiner, variation selectors; spacing marks; emoji skin tones; the joiner).
    static func extendsWord(_ c: Unicode.Scalar) -> Bool {
        guard c.value >= 0x300 else { return false }
        let p = c.properties
        return p.isGraphemeExtend || p.isEmojiModifier || c.value == 0x200D || p.generalCategory == .spacingMark
    }

    /// Code (indented by a tab or four spaces, `>>>`), armor (`-----BEGIN PGP SIGNED MESSAGE-----`), a trailer (`Signed-off-by:`) or a header
    /// line (`Cc:`, `From:`): not prose.
    static func isCodeOrField(_ line: Substring) -> Bool {
        let bytes = line.utf8
        if bytes.starts(with: "\t".utf8) || bytes.starts(with: "    ".utf8) || bytes.starts(with: ">>>".utf8) || bytes.starts(with: "-----".utf8) {
            return true
        }
        // `Name:` or `Name-by:` among the first 32 characters, a name of letters and dashes: by
        // bytes while they are ASCII (this runs for every line of every message), else by Character.
        var i = bytes.startIndex
        var count = 0
        var dash = false
        while i < bytes.endIndex, count < 32 {
            let b = bytes[i]
            if b >= 0x80 { return isFieldByCharacters(line) }
            if b == UInt8(ascii: ":") { break }
            guard ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || b == UInt8(ascii: "-") else { return false }
            if b == UInt8(ascii: "-") { dash = true }
            i = bytes.index(after: i)
            count += 1
        }
        guard count > 0, count < 32, i < bytes.endIndex else { return false }
        let after = bytes.index(after: i)
        return (after == bytes.endIndex || bytes[after] == UInt8(ascii: " ")) && (dash || fieldNames.contains(String(line[..<i]).lowercased()))
    }

    /// ``isCodeOrField(_:)``'s field test for a line with other than ASCII in its first characters.
    static func isFieldByCharacters(_ line: Substring) -> Bool {
        guard let colon = line.prefix(32).firstIndex(of: ":") else { return false }
        let name = line[..<colon]
        return !name.isEmpty && name.allSatisfy { $0.isLetter || $0 == "-" } && line[line.index(after: colon)...].first.map { $0 == " " } ?? true
            && (name.contains("-") || fieldNames.contains(name.lowercased()))
    }

    static let domainEndings: Set<String> = ["com", "org", "net", "io", "edu", "gov", "de", "uk", "fr", "jp", "cn", "ru", "au", "html", "htm", "php", "py", "txt"]

    static let fieldNames: Set<String> = ["cc", "to", "from", "sent", "date", "subject", "link", "fixes", "bug", "closes", "hash", "version"]

    /// A word that can be part of a topic: three letters or more, at most ``maxWordLength``
    /// characters, more letters than digits, not a stopword.
    static func isContent(_ word: Substring, folded: String) -> Bool {
        let count = word.unicodeScalars.count
        guard count >= 3, count <= maxWordLength else { return false }
        var letters = 0, digits = 0
        // A Character counts by its first scalar: the scalars that extend it do not count.
        for c in word.unicodeScalars {
            let v = c.value
            if v < 0x80 {
                if (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A { letters += 1 } else if v >= 0x30 && v <= 0x39 { digits += 1 }
            } else if extendsWord(c) {
                continue
            } else if c.properties.isAlphabetic {
                letters += 1
            } else if c.properties.numericType != nil {
                digits += 1
            }
        }
        guard letters > digits else { return false }
        // `github.com`, `twistedmatrix.com`: where text was put, not what it says.
        if let dot = folded.utf8.lastIndex(of: UInt8(ascii: ".")), domainEndings.contains(String(folded[folded.utf8.index(after: dot)...])) { return false }
        return !Stopwords.contains(folded)
    }
}
