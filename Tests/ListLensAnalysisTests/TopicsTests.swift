import ListLensAnalysis
import Testing

/// Subject tags by kind, subjects without their prefixes, and key phrases: what is a topic and what is not.
@Suite("Topics: subject tags and key phrases")
struct TopicsTests {
    @Test("patch and series markers, the list's own name and mail systems' notices are not topics",
          arguments: [
              ("PATCH v2 3/7", nil, SubjectTag.Kind.patch), ("PATCH", nil, .patch), ("RFC", nil, .patch),
              ("RFC PATCH", nil, .patch), ("PATCHv2", nil, .patch), ("PATCH linux dev-5.4 v2 1/3", "openbmc", .patch),
              ("RESEND PATCH net-next", nil, .patch), ("patch", nil, .patch), ("PATCH -next", nil, .patch),
              ("Twisted-Python", "twisted-python", .list), ("OpenBMC", "openbmc", .list),
              ("openstack-dev", "openstack-dev.lists.openstack.org", .list),
              ("External", nil, .notice), ("EXTERNAL", nil, .notice), ("ExternalEmail", nil, .notice), ("SPAM", nil, .notice),
              ("nova", "openstack-dev", .topic), ("LCOO", nil, .topic), ("tc", nil, .topic), ("sdbusplus", "openbmc", .topic),
              ("Twisted-commits", "twisted-python", .topic), ("ANN", nil, .topic), ("3", nil, .topic),
          ] as [(String, String?, SubjectTag.Kind)])
    func tagKinds(_ tag: String, _ list: String?, _ kind: SubjectTag.Kind) {
        #expect(SubjectTag.kind(of: tag, list: list) == kind, "[\(tag)] on \(list ?? "no list")")
    }

    @Test("topic tags of a subject, in order, each once; others left out")
    func topicTags() {
        #expect(SubjectTag.topics(of: "[all][tc] Summit schedule") == ["all", "tc"])
        #expect(SubjectTag.topics(of: "Re: [openstack-dev] [nova] [LCOO] x", list: "openstack-dev") == ["nova", "LCOO"])
        #expect(SubjectTag.topics(of: "[PATCH v2 3/7] gpio: fix") == [])
        #expect(SubjectTag.topics(of: "[Twisted-Python] [ANN] Twisted 13.1", list: "twisted-python") == ["ANN"])
        #expect(SubjectTag.topics(of: "[nova] [nova] again") == ["nova"])
    }

    @Test("reply prefixes with a count, and list tags, leave the normalized subject",
          arguments: [
              ("RE[2]: Budget", "Budget"), ("Re^3: Budget", "Budget"), ("AW: SV: Re: Budget", "Budget"),
              ("Re: [Twisted-Python] RE[12]: Budget", "Budget"), ("Fwd: [nova] Budget", "Budget"),
              ("RE[2] Budget", "RE[2] Budget"), ("Re[]: Budget", "Re[]: Budget"), ("Re[12345]: x", "Re[12345]: x"),
          ])
    func normalized(_ subject: String, _ expected: String) {
        #expect(Subject.normalized(subject) == expected)
    }

    @Test("a counted reply prefix says the subject is a reply's")
    func countedReply() {
        #expect(Subject.isReply("RE[2]: Budget"))
        #expect(Subject.isReply("Re^2: Budget"))
        #expect(!Subject.isReply("Re[]: Budget"))
    }

    @Test("candidates: phrases written twice or more, cut by stopwords and punctuation, counted once per place")
    func candidates() {
        let texts = [
            "The connection pool leaks. I think the connection pool needs a limit.",
            "A connection pool limit of ten, then. Thanks!",
        ]
        let found = KeyPhrases.candidates(in: texts)
        let byPhrase = Dictionary(uniqueKeysWithValues: found.map { ($0.phrase, $0.occurrences) })
        #expect(byPhrase["connection pool"] == 3)
        #expect(byPhrase["connection"] == 3)
        #expect(byPhrase["connection pool limit"] == nil, "written once")
        #expect(byPhrase["pool limit"] == nil, "written once: the first time `needs`, a stopword, stands between")
        #expect(byPhrase["thanks"] == nil && byPhrase["think"] == nil, "stopwords are no phrase")
        #expect(byPhrase["leaks"] == nil, "written once")
        // Longer phrases count more: occurrences times words.
        #expect(found.first?.phrase == "connection pool")
        #expect(found.first(where: { $0.phrase == "connection pool" })?.label == "connection pool")
    }

    @Test("signatures, code, trailers, header lines and the senders' names are not read")
    func notRead() {
        let text = """
            Reactor startup is slow. Reactor startup again.
            Signed-off-by: Eddie James <eajames@linux.ibm.com>
            Signed-off-by: Eddie James <eajames@linux.ibm.com>
                self.transport.write(data)
                self.transport.write(data)
            >>> transport write
            >>> transport write
            Cc: Widget Maker <w@example.org>
            Cc: Widget Maker <w@example.org>
            See github.com and github.com.
            Eddie James and Eddie James agree.
            --\u{20}
            Widget Signature Widget Signature
            """
        let phrases = Set(KeyPhrases.candidates(in: [text], names: ["Eddie James"]).map(\.phrase))
        #expect(phrases.contains("reactor startup"))
        for absent in ["eddie james", "eddie", "transport", "transport write", "widget", "widget maker", "widget signature", "github.com"] {
            #expect(!phrases.contains(absent), "\(absent)")
        }
    }

    @Test("a diff's lines are code; the prose around them is read")
    func patches() {
        let text = """
            Add the sensor polling interval. The polling interval matters.
            diff --git a/x.c b/x.c
            index 1..2 100644
            --- a/x.c
            +++ b/x.c
            @@ -1 +1 @@
            -old sensor table
            +new sensor table
            +new sensor table
            """
        let phrases = Set(KeyPhrases.candidates(in: [text]).map(\.phrase))
        #expect(phrases.contains("polling interval"))
        #expect(!phrases.contains("sensor table"))
    }

    @Test("key phrases: rare ones first, shared by another thread, not the whole list's, not inside a better one")
    func key() {
        func c(_ phrase: String, _ n: Int) -> KeyPhrases.Candidate {
            KeyPhrases.Candidate(phrase: phrase, label: phrase, occurrences: n, words: phrase.split(separator: " ").count)
        }
        let held = [
            KeyPhrases.Held(candidate: c("connection pool", 5), threads: 10),
            KeyPhrases.Held(candidate: c("connection", 6), threads: 40, messages: 300),
            KeyPhrases.Held(candidate: c("pool", 5), threads: 12, messages: 30),
            KeyPhrases.Held(candidate: c("twisted", 9), threads: 900, messages: 9000),   // most of the list
            KeyPhrases.Held(candidate: c("frobnicate", 3), threads: 1, messages: 1),     // this thread only
            KeyPhrases.Held(candidate: c("deferred chain", 2), threads: 30),
        ]
        let chosen = KeyPhrases.key(held, threads: 1000, messages: 10000).map(\.phrase)
        #expect(chosen == ["connection pool", "deferred chain"], "\(chosen)")
        #expect(KeyPhrases.key(held, threads: 0).isEmpty)
    }

    @Test("stopwords cover the mail's and the archives' languages, folded")
    func stopwords() {
        for word in ["the", "thanks", "regards", "merci", "etre", "und", "gracias", "def", "self"] {
            #expect(Stopwords.contains(word), "\(word)")
        }
        #expect(!Stopwords.contains("reactor"))
    }
}
