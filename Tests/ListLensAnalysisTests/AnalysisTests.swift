import Testing
@testable import ListLensAnalysis

@Suite("Quote segmentation")
struct QuoteSegmenterTests {
    func kinds(_ text: String) -> [String] {
        QuoteSegmenter.segments(of: text).map { "\($0.kind.rawValue)\($0.depth)" }
    }

    @Test("attribution, quotes of quotes, and a signature")
    func plain() {
        let text = """
            On Mon, Mar 2, 2026, Priya wrote:
            > first level
            >> second level
            > > also second level

            my answer

            -- 
            Dana
            """
        #expect(kinds(text) == ["attribution0", "quoted1", "quoted2", "authored0", "signature0"])
        let quoted = QuotedText(segments: QuoteSegmenter.segments(of: text))
        #expect(quoted.authored == "my answer")
        #expect(quoted.quoted == "first level\n\nsecond level\nalso second level")
    }

    @Test("Outlook's header block quotes everything under it one level deeper")
    func outlook() {
        let text = """
            Sounds good.

            From: Jeremy Stanley [mailto:fungi@yuggoth.example]
            Sent: Monday, March 2, 2026 9:00 AM
            To: list
            Subject: Re: charter

            The earlier message.
            > and what it quoted
            """
        #expect(kinds(text) == ["authored0", "attribution0", "quoted1", "quoted2"])
    }

    @Test("-----Original Message----- starts a quoted block")
    func originalMessage() {
        #expect(kinds("top post\n-----Original Message-----\nolder text") == ["authored0", "attribution0", "quoted1"])
    }

    @Test("pipermail's scrubbed-attachment note is archive text and Mailman's footer list text, not authored")
    func footers() {
        let text = """
            real text
            -------------- next part --------------
            An HTML attachment was scrubbed...
            URL: <http://twistedmatrix.com/pipermail/attachment.html>
            """
        #expect(kinds(text) == ["authored0", "archive-note0"])
        #expect(kinds("hi\n_______________________________________________\nTwisted-Python mailing list\nx") == ["authored0", "footer0"])
    }

    @Test("attributions inside quotes: the quote's first line one level up, above a deeper quote at its own depth")
    func attributionsInQuotes() {
        #expect(kinds("Yes.\n\n> On Mon, Ann wrote:\n> Shall we?") == ["authored0", "attribution0", "quoted1"])
        #expect(kinds("Yes.\n> Sure.\n> On Mon, Ann wrote:\n>> Shall we?\n> Then.")
                == ["authored0", "quoted1", "attribution1", "quoted2", "quoted1"])
        #expect(kinds("Fwd.\n> Begin forwarded message:\n> From: Ann <a@x.example>\n> Date: Mon\n>\n> Old text")
                == ["authored0", "forwarded0", "forwarded1", "quoted1"])
    }

    @Test("an elision between quotes is a cut in the quote it sits in")
    func elisions() {
        #expect(kinds(">> older\n[...]\n> old\nnew") == ["quoted2", "elision1", "quoted1", "authored0"])
        #expect(kinds("> old\n> [snip]\n> more\nnew") == ["quoted1", "elision1", "quoted1", "authored0"])
        #expect(kinds("new\n[...]\nmore new") == ["authored0"])
    }

    @Test("'wrote:' with no quote after it is ordinary text")
    func notAttribution() {
        #expect(kinds("He wrote:\nnothing quoted follows") == ["authored0"])
    }
}

@Suite("Threading")
struct ThreaderTests {
    @Test("In-Reply-To wins over References; missing parents leave roots")
    func priorities() {
        let links = Threader.link(candidates: [[], [(0, .inReplyTo)], [(1, .inReplyTo), (0, .references)], [(1, .references)]])
        #expect(links.map(\.parent) == [nil, 0, 1, 1])
        #expect(links[3].method == .references)
        #expect(Threader.roots(parents: links.map(\.parent)) == [0, 0, 0, 0])
    }

    @Test("a link that would close a loop is refused (notmuch broken/loop)")
    func loops() {
        // 0 replies to 1 and 1 replies to 0: the second link is refused, the next candidate used.
        let links = Threader.link(candidates: [[(1, .inReplyTo)], [(0, .inReplyTo)], [(2, .inReplyTo)]])
        #expect(links[0].parent == 1)
        #expect(links[1].parent == nil)
        #expect(links[2].parent == nil)   // a self-reference is never a parent
        #expect(Threader.roots(parents: links.map(\.parent)) == [1, 1, 2])
    }

    @Test("deep chains are handled without recursion")
    func deep() {
        let n = 50_000
        let candidates: [[(parent: Int, method: ParentMethod)]] = (0..<n).map { $0 == 0 ? [] : [($0 - 1, .inReplyTo)] }
        let roots = Threader.roots(parents: Threader.link(candidates: candidates).map(\.parent))
        #expect(Set(roots) == [0])
    }
}

@Suite("Subjects, identities and organizations")
struct TopicTests {
    @Test("normalized subjects and tags", arguments: [
        ("Re: [Twisted-Python] [ANN] Twisted 13.1", "Twisted 13.1", ["Twisted-Python", "ANN"]),
        ("RE: Fwd: [cloud-ops] Charter", "Charter", ["cloud-ops"]),
        ("plain", "plain", []),
    ])
    func subjects(subject: String, normalized: String, tags: [String]) {
        #expect(Subject.normalized(subject) == normalized)
        #expect(Subject.tags(subject) == tags)
    }

    @Test("organizations are registrable domains; webmail is none", arguments: [
        ("j.doe@linux.vnet.ibm.com", "ibm.com" as String?),
        ("someone@eng.example.co.uk", "example.co.uk"),
        ("x@gmail.com", nil),
        ("x@mail.yahoo.com", nil),
        ("no-domain", nil),
        // ISPs and country webmail the first list missed (issue 11), and Gmane's stand-in domain.
        ("x@yahoo.co.in", nil), ("x@nyc.rr.com", nil), ("x@rogers.com", nil), ("x@sbcglobal.net", nil), ("x@cox.net", nil),
        ("smurf@morpheus.demon.co.uk", nil), ("jlayton-eUNUBHrolfbYtjvyW6yDsg@public.gmane.org", nil),
        ("glyph@divmod.com", "divmod.com"),
    ])
    func organizations(address: String, expected: String?) {
        #expect(OrganizationResolver(suffixes: .builtin).organization(forAddress: address) == expected)
    }

    @Test("the suffix list is a value read from bytes: a list that knows co.uk splits there")
    func suffixListFromBytes() throws {
        let list = try PublicSuffixList(data: Array("// a tiny list\ncom\nuk\nco.uk\n".utf8))
        #expect(list.registrableDomain("mail.example.co.uk") == "example.co.uk")
        #expect(list.registrableDomain("lists.example.com") == "example.com")
        let noCoUK = try PublicSuffixList(data: Array("com\nuk\n".utf8))
        #expect(noCoUK.registrableDomain("mail.example.co.uk") == "co.uk")
        #expect(throws: PublicSuffixList.LoadError.self) { try PublicSuffixList(data: []) }
    }

    @Test("DMARC rewriting is removed from names")
    func names() {
        #expect(Identity.cleanName("\"Jane Doe via cloud-ops\"") == "Jane Doe")
        #expect(Identity.cleanName("Michiel Buddingh'") == "Michiel Buddingh'")
        #expect(Identity.participantKey(address: "Glyph@Twistedmatrix.COM") == "glyph@twistedmatrix.com")
    }
}

@Suite("Content keys")
struct ContentKeyTests {
    func key(_ from: String?, _ subject: String, _ text: String) -> String {
        ContentKey.of(fromAddress: from, normalizedSubject: Subject.normalized(subject), text: text)
    }

    @Test("what archives rewrite does not change the key: spaces, case, quote marks, pipermail's '?'")
    func archiveRewrites() {
        let month = key("glyph@twistedmatrix.com", "[Divunal-author] <sigh>  no more", "Le May 25, 2012 ? 2:24 AM, vinod a ?crit :\n> \n> Error: \n\n\n")
        let page = key("Glyph@TwistedMatrix.com", "<sigh> no more", "Le May 25, 2012 à 2:24 AM, vinod a écrit :\n>\n> Error:\n")
        #expect(month == page)
    }

    @Test("sender, subject and words each tell messages apart")
    func differences() {
        let base = key("a@example.org", "Release", "The release is out.")
        #expect(key("b@example.org", "Release", "The release is out.") != base)
        #expect(key("a@example.org", "Released", "The release is out.") != base)
        #expect(key("a@example.org", "Release", "The release is not out.") != base)
    }

    @Test("text with few ASCII letters is keyed by all its letters, so Japanese messages stay apart")
    func nonLatin() {
        #expect(key("a@example.jp", "会議", "明日は休みです。") != key("a@example.jp", "会議", "明日は出社します。"))
        #expect(key("a@example.jp", "会議", "明日は休みです。") == key("a@example.jp", "会議", "明日は 休みです"))
    }

    @Test("copies under one Message-ID: a footer or rewritten links are the same message; new words or a new subject are not")
    func sameMessage() {
        let text = "Take a look at Medusa as an example of how not to do it.\nPaths should be lists.\nUrl: http://example.org/attachments/1.txt\n"
        let rebuilt = "Take a look at Medusa as an example of how not to do it.\nPaths should be lists.\nURL: </attachments/1.ksh>\n-- \nlist footer\n"
        func same(_ sa: String, _ ta: String, _ sb: String, _ tb: String, from b: String = "a@x.org") -> Bool {
            ContentKey.sameMessage(fromAddress: "a@x.org", normalizedSubject: sa, text: ta, fromAddress: b, normalizedSubject: sb, text: tb)
        }
        #expect(same("vfs", text, "vfs", rebuilt))
        #expect(!same("Bug#916805: severity", text, "Bug#916807: severity", text))
        #expect(!same("vfs", text, "vfs", text, from: "b@x.org"))
        #expect(!same("vfs", text, "vfs", "Completely different words about another topic entirely, nothing shared here."))
    }
}
