import ListLensAnalysis

/// A git `.mailmap` (`man gitmailmap`) read as identities: the addresses of each entry are one
/// person's, and so are the addresses of entries that give the same proper name (as `git shortlog`
/// groups them).
///
/// The four line forms: `Proper Name <commit@x>` (a name only: joins nothing), `<proper@x>
/// <commit@x>`, `Proper Name <proper@x> <commit@x>`, `Proper Name <proper@x> Commit Name
/// <commit@x>`. A proper address under a domain reserved for examples (RFC 2606: `example.com`,
/// `.invalid` …) stands for no one: U-Boot's `noreply@example.com` is the opt-out placeholder of two
/// different people, so the addresses mapped to it are joined to nothing. A proper name becomes
/// the person's name in reports.
enum Mailmap {
    struct Entry {
        var properName: String?
        var proper: String?
        var commit: String?
    }

    /// An entry's names and addresses; nil for a line that holds no `<address>`.
    static func entry(_ line: Substring) -> Entry? {
        var pairs: [(name: String?, address: Substring)] = []
        var rest = line[...]
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let name = rest[..<open].trimmingCharacters(in: .whitespaces)
            pairs.append((name.isEmpty ? nil : name, rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        guard let first = pairs.first else { return nil }
        if pairs.count == 1 { return Entry(properName: first.name, proper: nil, commit: AffiliationFormat.address(first.address)) }
        return Entry(properName: first.name, proper: AffiliationFormat.address(first.address), commit: AffiliationFormat.address(pairs[1].address))
    }

    /// Domains reserved for examples and tests (RFC 2606, RFC 6761): an address under one is a placeholder.
    static func isPlaceholder(_ address: String) -> Bool {
        guard let domain = Identity.domain(of: address) else { return true }
        let reserved = ["example.com", "example.net", "example.org"]
        return reserved.contains(domain) || [".example", ".invalid", ".test", ".localhost"].contains { domain.hasSuffix($0) }
    }

    static func convert(_ text: String) -> AffiliationFormat.Converted {
        var out = AffiliationFormat.Converted()
        var groups = AddressGroups()
        var names: [String: String] = [:]          // address → proper name
        var byName: [String: String] = [:]         // proper name, lowercased → its first address
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = GitdmMaps.uncommented(raw)
            guard !line.isEmpty else { continue }
            let place = "line \(n + 1)"
            guard let e = entry(line) else {
                out.skipped.append((place, "no <address>"))
                continue
            }
            guard let commit = e.commit ?? e.proper else {
                out.skipped.append((place, "not an address (a bare user name?)"))
                continue
            }
            if e.commit == nil { out.skipped.append((place, "the commit address is a bare user name: only the proper name and address are kept")) }
            if let proper = e.proper, isPlaceholder(proper) {
                out.skipped.append((place, "\(commit) maps to the placeholder \(proper): joined to no one"))
                continue
            }
            let anchor = e.proper ?? commit
            groups.join(anchor, commit)
            if let name = e.properName {
                names[anchor] = names[anchor] ?? name
                names[commit] = names[commit] ?? name
                // One proper name, one person: its entries with other proper addresses join too.
                if let first = byName[name.lowercased()] { groups.join(first, anchor) } else { byName[name.lowercased()] = anchor }
            }
        }
        // Groups of one address are kept when they give a name (`Proper Name <commit@x>`: the name fixed).
        out.affiliations.people = groups.groups.filter { $0.count > 1 || names[$0[0]] != nil }.map { emails in
            Affiliations.Person(name: emails.lazy.compactMap { names[$0] }.first, emails: emails)
        }
        return out
    }
}
