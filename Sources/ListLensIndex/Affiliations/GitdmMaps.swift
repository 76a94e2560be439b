import Foundation
import ListLensAnalysis

/// gitdm's maps (the Linux kernel's and OpenStack's developer statistics): the email map
/// (`jdoe@example.com Example Corp < 2015-06-01`), the aliases file and group files.
///
/// In the email map a line's first word is an address or a domain, the rest an organization,
/// optionally ending in `< yyyy-mm-dd`: the day that affiliation ended. Several lines for one
/// address give its history: each dated line ends where the next one starts.
enum GitdmMaps {
    /// A line without its `#` comment and surrounding space.
    static func uncommented(_ line: Substring) -> Substring {
        let body = line.firstIndex(of: "#").map { line[..<$0] } ?? line
        return Substring(body.trimmingCharacters(in: .whitespaces))
    }

    static func emailMap(_ text: String) -> AffiliationFormat.Converted {
        var out = AffiliationFormat.Converted()
        var domains: [(name: String, domain: String)] = []
        var history: [String: [(organization: String, until: String?)]] = [:]
        var order: [String] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = uncommented(raw)
            guard !line.isEmpty else { continue }
            let place = "line \(n + 1)"
            guard let space = line.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
                out.skipped.append((place, "no organization after \"\(line)\""))
                continue
            }
            let key = line[..<space]
            var rest = line[space...].trimmingCharacters(in: .whitespaces)
            var until: String? = nil
            if let lt = rest.lastIndex(of: "<") {
                let day = rest[rest.index(after: lt)...].trimmingCharacters(in: .whitespaces)
                guard Affiliations.Period.day(day) != nil else {
                    out.skipped.append((place, "\"\(day)\" is not a yyyy-mm-dd end date"))
                    continue
                }
                until = day
                rest = rest[..<lt].trimmingCharacters(in: .whitespaces)
            }
            guard !rest.isEmpty else {
                out.skipped.append((place, "no organization after \"\(key)\""))
                continue
            }
            if key.contains("@") && !key.hasPrefix("@") {
                guard let address = AffiliationFormat.address(key) else {
                    out.skipped.append((place, "\"\(key)\" is not an address"))
                    continue
                }
                if history[address] == nil { order.append(address) }
                history[address, default: []].append((rest, until))
            } else {
                let domain = key.trimmingCharacters(in: CharacterSet(charactersIn: "@")).lowercased()
                guard domain.contains(".") else {
                    out.skipped.append((place, "\"\(key)\" is neither an address nor a domain"))
                    continue
                }
                if until != nil { out.skipped.append((place, "a domain's end date is not kept: \(domain) counts for \(rest) at any date")) }
                domains.append((rest, domain))
            }
        }
        var organizations: [Affiliations.Organization] = []
        var index: [String: Int] = [:]
        for d in domains {
            if let i = index[d.name.lowercased()] {
                if !organizations[i].domains.contains(d.domain) { organizations[i].domains.append(d.domain) }
            } else {
                index[d.name.lowercased()] = organizations.count
                organizations.append(.init(name: d.name, domains: [d.domain]))
            }
        }
        out.affiliations.organizations = organizations
        out.affiliations.people = order.map { address in
            Affiliations.Person(emails: [address], affiliations: periods(history[address]!))
        }
        return out
    }

    /// An address's dated lines as periods: sorted by end (open last), each starting where the one
    /// before ended.
    static func periods(_ lines: [(organization: String, until: String?)]) -> [Affiliations.Period] {
        let sorted = lines.sorted { ($0.until ?? "9999") < ($1.until ?? "9999") }
        var result: [Affiliations.Period] = []
        var from: String? = nil
        for l in sorted {
            result.append(.init(organization: l.organization, from: from, until: l.until))
            from = l.until
            if l.until == nil { break }
        }
        return result
    }

    static func aliases(_ text: String) -> AffiliationFormat.Converted {
        var out = AffiliationFormat.Converted()
        var sets = AddressGroups()
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = uncommented(raw)
            guard !line.isEmpty else { continue }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.count == 2, let alias = AffiliationFormat.address(words[0]), let canonical = AffiliationFormat.address(words[1]) else {
                out.skipped.append(("line \(n + 1)", "not two addresses"))
                continue
            }
            sets.join(canonical, alias)
        }
        out.affiliations.people = sets.groups.filter { $0.count > 1 }.map { Affiliations.Person(emails: $0) }
        return out
    }

    static func group(_ text: String, organization: String) -> AffiliationFormat.Converted {
        var out = AffiliationFormat.Converted()
        var seen = Set<String>()
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = uncommented(raw)
            guard !line.isEmpty else { continue }
            guard let address = AffiliationFormat.address(line.split(whereSeparator: { $0 == " " || $0 == "\t" })[0]) else {
                out.skipped.append(("line \(n + 1)", "not an address"))
                continue
            }
            guard seen.insert(address).inserted else { continue }
            out.affiliations.people.append(.init(emails: [address], affiliations: [.init(organization: organization)]))
        }
        return out
    }
}
