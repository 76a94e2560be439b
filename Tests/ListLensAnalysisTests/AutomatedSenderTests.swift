import ListLensAnalysis
import Testing

/// Which senders are not people: the systems of the real archives, and the traps beside them that
/// are people (a bot's name inside a domain, a surname, a nickname).
@Suite("Automated senders")
struct AutomatedSenderTests {
    @Test("list, no-reply, mail-system, tracker, CI, review and bot senders are flagged with their rule",
          arguments: [
              // From the twisted-python archive: Trac's ticket mail, spam and service mail, a buildbot address.
              ("trac@twistedmatrix.com", nil, AutomatedSender.Reason.tracker),
              ("no-reply@rolex.com", "Rolex.com", .noReply),
              ("no-reply@dropboxmail.com", "Dropbox", .noReply),
              ("buildbot@twistematrix.com", "Tom Prince", .ci),
              ("twisted-python@twistedmatrix.com", nil, .listAddress),
              ("twisted-python@twistedmatrix.com", "Twisted-Python mailing list", .listAddress),
              ("twisted-python-request@twistedmatrix.com", nil, .listAddress),
              ("twisted-python-bounces+glyph=twistedmatrix.com@twistedmatrix.com", nil, .listAddress),
              ("owner-twisted-python@twistedmatrix.com", nil, .listAddress),
              ("mailman@lists.example.org", "Mailman", .listAddress),
              ("MAILER-DAEMON@mx.example.org", "Mail Delivery System", .mailSystem),
              ("postmaster@example.org", nil, .mailSystem),
              ("bounces+1234-abcd@em.example.com", nil, .mailSystem),
              ("noreply-12345@example.com", nil, .noReply),
              ("builds@ci.example.org", "Jenkins", .ci),
              ("lkp@intel.com", "kernel test robot", .ci),
              ("jenkins+trunk@example.org", nil, .ci),
              ("patchwork@ozlabs.org", nil, .review),
              ("gerrit@review.openstack.org", "Gerrit Code Review", .review),
              ("1234567@bugs.launchpad.net", "Launchpad Bug Tracker", .tracker),
              ("notifications@github.com", "Someone", .tracker),
              ("support@github.com", "dependabot[bot]", .bot),
              ("release-bot@example.org", nil, .bot),
              ("ci-results@example.org", "Zuul (openstack)", .ci),
          ] as [(String, String?, AutomatedSender.Reason)])
    func flagged(address: String, name: String?, reason: AutomatedSender.Reason) {
        #expect(AutomatedSender.reason(address: address, name: name, lists: ["twisted-python"]) == reason)
    }

    @Test("people stay people: a bot's word in a domain or inside a name, surnames, nicknames, role-like first names",
          arguments: [
              ("ralf@brainbot.com", "Ralf Schmitt"), ("henni@brainbot.com", "Thorsten Henninger"),
              ("laurens@daemon.be", "Laurens Vets"), ("tracy@reinventnow.com", "Tracy S. Ruggles"),
              ("trace@reinventnow.com", "Tracy S. Ruggles"), ("whalebot.helmsman@gmail.com", "whalebot"),
              ("talbot@example.org", "Tom Talbot"), ("abbot@example.org", "Ann Abbot"), ("cindy@example.org", "Cindy"),
              ("chris.yan@saybot.com", "Chris"), ("orbitus@orbitusrobotics.com", "Orbitus"),
              ("glyph@twistedmatrix.com", "Glyph Lefkowitz"), ("twisted@itamarst.org", "Itamar"),
              ("robot.fan@example.org", "Rob Ott"), ("jp@example.org", nil), ("no-at-sign", nil),
              // People behind a list's name: a From the list rewrote (pipermail shows the list's
              // address with the sender's name), and people's own addresses for the list.
              ("twisted-python@twistedmatrix.com", "Shawn Church"), ("twisted-python@2xlp.com", "Jonathan Vanasco"),
              ("twisted-python@milkpotato.org", "Fritz Platzke"), ("twisted-python@twistedmatrix.com", "Glyph via Twisted-Python"),
              // Travis is a name before it is a CI service.
              ("travis+ml-twisted@subspacefield.org", "Travis H."), ("travis@crystaltech.com", "Travis"),
          ] as [(String, String?)])
    func people(address: String, name: String?) {
        #expect(AutomatedSender.reason(address: address, name: name, lists: ["twisted-python"]) == nil)
    }

    @Test("a list's address is a list address only for a list the store holds")
    func listAddressNeedsTheList() {
        #expect(AutomatedSender.reason(address: "infra@groups.io", name: nil, lists: ["infra"]) == .listAddress)
        #expect(AutomatedSender.reason(address: "infra@groups.io", name: nil, lists: ["twisted-python"]) == nil)
    }
}
