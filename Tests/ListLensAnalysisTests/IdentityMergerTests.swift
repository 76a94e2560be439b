@testable import ListLensAnalysis
import Testing

/// The identity rules on senders built by hand: who joins, who never does, and the evidence kept.
@Suite("Identity merging")
struct IdentityMergerTests {
    typealias Sender = IdentityMerger.Sender

    static func sender(_ id: Int64, _ address: String, _ names: [(String, Int)], messages: Int? = nil,
                       automated: AutomatedSender.Reason? = nil) -> Sender {
        Sender(id: id, address: address, messages: messages ?? names.reduce(0) { $0 + $1.1 },
               names: names.map { .init(name: $0.0, messages: $0.1) }, automated: automated)
    }

    @Test("full-name keys fold case, diacritics, punctuation and Last, First; one-word and role names have none",
          arguments: [
            ("Jean-Paul Calderone", "jean paul calderone"), ("Calderone, Jean-Paul", "jean paul calderone"),
            ("HERVÉ Coatanhay", "herve coatanhay"), ("Martin Möllenbeck", "martin mollenbeck"),
            ("\"J. Doe Smith\"", "j doe smith"), ("Ann Lee (Acme)", "ann lee"), ("Мещеряков Андрей", "мещеряков андреи"),
          ])
    func keys(name: String, key: String) {
        #expect(PersonName.key(name) == key)
    }

    @Test("no key for what is not one person's full name",
          arguments: ["Glyph", "root", "Support Team", "Site Admin", "user123 smith", "ann@lee.example", "J D",
                      "=?utf-8?q?x?=", "a, b, c", ""])
    func noKeys(name: String) {
        #expect(PersonName.key(name) == nil)
    }

    @Test("the same full name joins two addresses, with the evidence; the anchor is the first stored")
    func sameName() {
        let r = IdentityMerger().merge([
            Self.sender(7, "glyph@divmod.example", [("Glyph Lefkowitz", 147), ("glyph", 1)], messages: 710),
            Self.sender(3, "glyph@twistedmatrix.example", [("Glyph Lefkowitz", 1616), ("Glyph", 1107)]),
        ])
        #expect(r.members[3] == .init(person: 3))
        let joined = r.members[7]
        #expect(joined?.person == 3 && joined?.joinedTo == 3 && joined?.rule == .sameName)
        #expect(joined?.evidence == "\"Glyph Lefkowitz\" on 147 of 710 messages from glyph@divmod.example and 1616 of 2723 from glyph@twistedmatrix.example")
        #expect(r.names[3] == "Glyph Lefkowitz", "the most used full name, not the more frequent one-word one")
    }

    @Test("chains: a third address joins through the second, and the explanation says so")
    func chain() {
        let r = IdentityMerger().merge([
            Self.sender(1, "steve@nasa.example", [("Steve Waterbury", 20)]),
            Self.sender(2, "waterbug@pangalactic.example", [("Stephen Waterbury", 31), ("Steve Waterbury", 7)]),
            Self.sender(3, "stephen.c@nasa.example", [("Stephen Waterbury", 21)]),
        ])
        #expect(Set(r.members.values.map(\.person)) == [1])
        #expect(r.members[2]?.joinedTo == 1 && r.members[3]?.joinedTo == 2)
    }

    @Test("never by name: role local parts, role names, list addresses, automated senders, shared addresses")
    func refusals() {
        let r = IdentityMerger(lists: ["twisted-python"]).merge([
            Self.sender(1, "ann@lee.example", [("Ann Lee", 4)]),
            Self.sender(2, "info@ann-lee.example", [("Ann Lee", 3)]),
            Self.sender(3, "twisted-python@twistedmatrix.example", [("Ann Lee", 2)]),
            Self.sender(4, "ann-bot@ci.example", [("Ann Lee", 2)], automated: .bot),
            Self.sender(5, "support@acme.example", [("Support Team", 2)]),
            Self.sender(6, "help@other.example", [("Support Team", 2)]),
            Self.sender(7, "shared@family.example", [("Ann Lee", 5), ("Carol Diaz", 5)]),
        ])
        #expect(r.members.values.allSatisfy { $0.joinedTo == nil }, "\(r.members)")
    }

    @Test("a stray name on a few of an address's messages is not its own; a surname's spellings are one person's")
    func ownNames() {
        let r = IdentityMerger().merge([
            Self.sender(1, "a@x.example", [("Ann Lee", 40), ("Bob Kim", 2)]),
            Self.sender(2, "bob@kim.example", [("Bob Kim", 5)]),
            Self.sender(3, "golux@comcast.example", [("Stephen Waterbury", 57), ("Stephen C. Waterbury", 21), ("Steve Waterbury", 14)]),
            Self.sender(4, "steve@nasa.example", [("Steve Waterbury", 20)]),
        ])
        #expect(r.members[2]?.joinedTo == nil, "Bob Kim is on 2 of a@x's 42 messages: not its name")
        #expect(r.members[4]?.person == 3, "three spellings of one surname are one person's, not a shared address")
    }

    @Test("one person's names on one address: a changed surname, a short first name, initials; two people's: shared",
          arguments: [
            (["zooko o whielacronx", "zooko wilcox o hearn"], false), (["stephen waterbury", "steve waterbury", "stephen c waterbury"], false),
            (["chris armstrong", "christopher armstrong"], false), (["jp calderone", "jean paul calderone"], false),
            (["itamar shtull trauring", "itamar turner trauring"], false),
            (["ann lee", "bob lee"], true), (["bob kim", "carol diaz"], true), (["ann lee", "stephen waterbury", "steve waterbury"], true),
          ])
    func shared(names: [String], shared: Bool) {
        #expect(IdentityMerger.isShared(names) == shared)
    }

    @Test("a name on more addresses than the limit joins none of them")
    func crowded() {
        let n = IdentityMerger.maxAddressesPerName + 1
        let r = IdentityMerger().merge((1...n).map { Self.sender(Int64($0), "john\($0)@smith\($0).example", [("John Smith", 1)]) })
        #expect(r.members.values.allSatisfy { $0.joinedTo == nil })
        #expect(r.crowdedNames == ["john smith"])
        let fewer = IdentityMerger().merge((1...3).map { Self.sender(Int64($0), "john\($0)@smith\($0).example", [("John Smith", 1)]) })
        #expect(Set(fewer.members.values.map(\.person)) == [1])
    }

    @Test("one mailbox written two ways: +tags, Gmail's dots and googlemail.com")
    func sameMailbox() {
        #expect(IdentityMerger.mailbox("Ann+Lists@X.example") == "ann@x.example")
        #expect(IdentityMerger.mailbox("a.lee@googlemail.com") == "alee@gmail.com")
        #expect(IdentityMerger.mailbox("a.lee@x.example") == "a.lee@x.example", "dots matter outside Gmail")
        #expect(IdentityMerger.mailbox("+x@x.example") == "+x@x.example")
        let r = IdentityMerger().merge([
            Self.sender(1, "a.lee@gmail.com", []), Self.sender(2, "alee@googlemail.com", []), Self.sender(3, "alee+tw@gmail.com", []),
        ])
        #expect(r.members[2]?.rule == .sameMailbox && r.members[3]?.rule == .sameMailbox && r.members[3]?.person == 1)
    }

    @Test("each rule can be turned off")
    func rulesOff() {
        let senders = [Self.sender(1, "ann@lee.example", [("Ann Lee", 4)]), Self.sender(2, "ann@acme.example", [("Ann Lee", 4)]),
                       Self.sender(3, "ann+x@lee.example", [])]
        #expect(IdentityMerger(rules: [.sameMailbox]).merge(senders).members[2]?.joinedTo == nil)
        #expect(IdentityMerger(rules: [.sameMailbox]).merge(senders).members[3]?.joinedTo == 1)
        #expect(IdentityMerger(rules: [.sameName]).merge(senders).members[3]?.joinedTo == nil)
        #expect(IdentityMerger(rules: []).merge(senders).members.values.allSatisfy { $0.joinedTo == nil })
    }
}
