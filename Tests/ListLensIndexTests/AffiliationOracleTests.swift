import Foundation
import GRDB
@testable import ListLensIndex
@testable import ListLensSQLite
import ListLensAnalysis
import ListLensTestSupport
import Testing

/// The Linux and U-Boot `.mailmap` files (../shared/corpora/identity-oracles/) applied to the
/// openbmc and LKML archives: every mapping they give for a sender in the corpora holds in the
/// store. The mappings are read again here by a plainer path than ``Mailmap``: every `<address>`
/// of a line, the first one the proper address.
@Suite("Identity oracles", .enabled(if: Fixtures.corpora != nil, "LISTLENS_CORPORA is not set: .mailmap oracle checks skipped"))
struct AffiliationOracleTests {
    struct Mapping {
        /// Address → the addresses one line maps it with (address edges of the file).
        var edges: [String: Set<String>] = [:]
        /// Address → the proper name a line gives it.
        var names: [String: String] = [:]
    }

    static func mapping(_ text: String) -> Mapping {
        var m = Mapping()
        for raw in text.split(separator: "\n") {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let pieces = line.split(separator: "<")
            guard line.contains("<") else { continue }
            let name = line.hasPrefix("<") ? "" : pieces[0].trimmingCharacters(in: .whitespaces)
            let addresses = pieces.dropFirst().compactMap { p -> String? in
                guard let close = p.firstIndex(of: ">") else { return nil }
                let a = p[..<close].trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).lowercased()
                return a.contains("@") ? a : nil
            }
            guard let proper = addresses.first, !proper.hasSuffix("@example.com") else { continue }
            if !name.isEmpty { for a in addresses { m.names[a] = m.names[a] ?? name } }
            for a in addresses.dropFirst() {
                m.edges[proper, default: []].insert(a)
                m.edges[a, default: []].insert(proper)
            }
        }
        return m
    }

    @Test("every mapping the two .mailmap files give for a sender in openbmc and LKML is applied")
    func mailmaps() throws {
        let corpora = URL(fileURLWithPath: Fixtures.corpora!)
        var file = AffiliationsFile(path: "")
        var mapping = Mapping()
        for name in ["linux.mailmap", "u-boot.mailmap"] {
            let text = try String(contentsOf: corpora.appendingPathComponent("identity-oracles/" + name), encoding: .utf8)
            #expect(AffiliationFormat.detect(text) == .mailmap)
            file.affiliations.merge(try AffiliationFormat.mailmap.convert(text).affiliations)
            let m = Self.mapping(text)
            mapping.edges.merge(m.edges) { $0.union($1) }
            mapping.names.merge(m.names) { a, _ in a }
        }
        let (store, cleanup) = try ThrowawayStore.fresh()
        defer { cleanup() }
        _ = try Importer(store: store, options: .init(affiliations: file)).run(paths: [
            corpora.appendingPathComponent("openbmc-public-inbox").path,
            corpora.appendingPathComponent("notmuch-test-corpora/test/corpora/lkml").path,
        ])
        let rows = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT p.key, COALESCE(p.person_id, p.id), ps.name FROM participant p LEFT JOIN person ps ON ps.id = COALESCE(p.person_id, p.id)")
        }
        let person = Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as String, $0[1] as Int64) })
        let personName = Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as String, ($0[2] as String?) ?? "") })
        var checked = 0, joins = 0
        for (address, id) in person {
            guard mapping.edges[address] != nil || mapping.names[address] != nil else { continue }
            checked += 1
            for other in mapping.edges[address] ?? [] where person[other] != nil {
                #expect(person[other] == id, "\(address) and \(other): one person by the mailmap")
                joins += 1
            }
            if let name = mapping.names[address] {
                #expect(personName[address] == name, "\(address): the mailmap names it \(name)")
            }
        }
        #expect(checked >= 8, "the corpora hold at least the 8 addresses SOURCES.md counts")
        print("mailmap oracles: \(checked) sender addresses of openbmc and LKML are in linux.mailmap or u-boot.mailmap; every mapping holds (\(joins) joins between stored addresses)")
    }

    @Test("U-Boot's placeholder stands for two people: neither is joined to the other, nor to anyone by it")
    func placeholder() throws {
        let text = try String(contentsOf: URL(fileURLWithPath: Fixtures.corpora!).appendingPathComponent("identity-oracles/u-boot.mailmap"), encoding: .utf8)
        let converted = try AffiliationFormat.mailmap.convert(text)
        let placeholders = ["pali.rohar@gmail.com", "pali@kernel.org", "swarren@nvidia.com", "swarren@wwwdotorg.org", "noreply@example.com"]
        #expect(!converted.affiliations.people.contains { p in p.emails.contains { placeholders.contains($0) } })
        #expect(converted.skipped.filter { $0.reason.contains("placeholder") }.count == 4)
        // The file's persons with several addresses: SOURCES.md counts 103 groups, one of them the placeholder's false one.
        #expect(converted.affiliations.people.filter { $0.emails.count > 1 }.count == 102)
    }
}
