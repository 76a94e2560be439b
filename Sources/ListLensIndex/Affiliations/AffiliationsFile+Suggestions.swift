import ListLensAnalysis

extension AffiliationsFile {
    /// What ``AffiliationSuggester`` proposes for `store` under this file.
    public func suggestions(from store: some AffiliationEvidenceStore,
                            options: AffiliationSuggester.Options = .init()) throws -> [AffiliationSuggestion] {
        let resolver = AffiliationResolver(affiliations, organizations: SystemSuffixList.resolver)
        return try AffiliationSuggester(resolver: resolver, options: options).suggestions(from: store)
    }

    /// Writes each suggestion into the file as a dated period of its person (listing all their
    /// addresses); returns the periods added. ``save()`` writes the file.
    @discardableResult
    public mutating func accept(_ suggestions: [AffiliationSuggestion]) -> Int {
        var added = 0
        for s in suggestions where !s.addresses.isEmpty {
            added += affiliations.setAffiliation(of: s.addresses, name: s.name, to: s.organization, from: s.from, until: s.until).periodsAdded
        }
        return added
    }
}
