@testable import ListLensAnalysis
import Testing

/// Signatures naming an employer, read for `affiliations suggest`: the name as whole words with a
/// capital, never on a line with a link or an address, never a generic word.
@Suite("Organizations named in signatures")
struct SignatureOrganizationsTests {
    static let finder = SignatureOrganizations(names: [
        ("IBM", ["IBM", "International Business Machines", "ibm"]),
        ("nuvoton.com", SignatureOrganizations.names(of: "nuvoton.com", registrable: { $0 })),
        ("kernel.org", SignatureOrganizations.names(of: "kernel.org", registrable: { $0 })),
        ("mail.example", ["mail"]),
        ("hp.com", ["hp"]),
    ])

    @Test("names found in real signatures from openbmc, once each, with the line naming them", arguments: [
        ("Thank you\nRyan Arnell\nUX Engineer\nIBM, Austin, TX.", ["IBM"], "IBM, Austin, TX."),
        ("Thanks,\n\nTali Perry\nNuvoton Technologies", ["nuvoton.com"], "Nuvoton Technologies"),
        ("Senior Engineer,\nIBM India Software Labs\nIBM", ["IBM"], "IBM India Software Labs"),
        ("-- \nJane\nInternational Business Machines Corp.", ["IBM"], "International Business Machines Corp."),
    ])
    func found(signature: String, organizations: [String], line: String) {
        let found = Self.finder.organizations(in: signature)
        #expect(found.map(\.organization) == organizations)
        #expect(found.first?.line == line)
    }

    @Test("no claim: lowercase words, links and addresses, generic words, short names, names inside words", arguments: [
        "Linux kernel developer",                                                 // kernel, not Kernel
        "Follow Linaro: <http://www.facebook.com/pages/Linaro> Nuvoton",           // a link on the line
        "E-Mail : ryan@IBM.example",                                               // an address on the line
        "Debian Developer | mailto:sam at IBM.example",                            // an archive's obfuscated address
        "Sent from Mail for Windows",                                              // generic word
        "HP printer driver",                                                       // shorter than three letters
        "IBMers unite",                                                            // inside a word
        "",
    ])
    func notFound(signature: String) {
        #expect(Self.finder.organizations(in: signature).isEmpty, "\(signature)")
    }

    @Test("names of a domain organization come from its registrable domain's first label")
    func domainNames() {
        let list = PublicSuffixList.builtin
        #expect(SignatureOrganizations.names(of: "IBM", aliases: ["Big Blue"], domains: ["ibm.com", "linux.vnet.ibm.com"],
                                             registrable: list.registrableDomain) == ["IBM", "Big Blue", "ibm", "ibm"])
        #expect(SignatureOrganizations.names(of: "quantatw.com", registrable: list.registrableDomain) == ["quantatw"])
        #expect(SignatureOrganizations.names(of: "example.co.uk", registrable: list.registrableDomain) == ["example"])
    }

    @Test("a hostile signature is read in bounded lines")
    func bounded() {
        let long = String(repeating: "IBM ", count: 100_000)
        #expect(Self.finder.organizations(in: long).isEmpty, "a 400 kB line is prose, not a title line")
        let many = String(repeating: "x\n", count: 100_000) + "IBM"
        #expect(Self.finder.organizations(in: many).isEmpty, "the name is past the lines read")
    }
}
