import ListLensText

/// Takes messages out of a store by source file or Message-ID, then re-threads what is left.
///
/// ```swift
/// let summary = try Remover(store: store).run(["reply.html", "<CAEUx@mail.gmail.com>"])
/// ```
public struct Remover {
    /// What one run removed, target by target, and which targets matched nothing.
    public struct Summary: Sendable {
        public var removed: [(target: RemovalTarget, counts: RemovalCounts)] = []
        /// Targets that named no stored source or Message-ID, as given.
        public var unmatched: [String] = []
        public var threading: ThreadingPass.Report?

        public var messages: Int { removed.reduce(0) { $0 + $1.counts.messages } }
    }

    private let store: any ListLensStore
    private let affiliations: AffiliationsFile

    /// `affiliations` is applied again after a removal, as after an import.
    public init(store: any ListLensStore, affiliations: AffiliationsFile = AffiliationsFile(path: "")) {
        self.store = store
        self.affiliations = affiliations
    }

    /// How a target given as text is read: a file or folder that exists, or an absolute path, is a
    /// source (resolved as the importer stored it); `<id>` or text with `@` is a Message-ID;
    /// anything else is taken as a path relative to the current folder.
    public static func target(_ text: String) -> RemovalTarget {
        let trimmed = text.trimmingCharacters(in: " \t")
        if trimmed.hasPrefix("<") && trimmed.hasSuffix(">") && trimmed.count > 2 {
            return .messageID(String(trimmed.dropFirst().dropLast()))
        }
        if FileDiscovery.exists(trimmed) || trimmed.hasPrefix("/") || !trimmed.contains("@") {
            var path = FileDiscovery.storedPath(trimmed)
            while path.count > 1, path.hasSuffix("/") { path.removeLast() }
            return .source(path: path)
        }
        return .messageID(trimmed)
    }

    public func run(_ targets: [String]) throws -> Summary {
        var summary = Summary()
        for text in targets {
            let target = Self.target(text)
            let counts = try store.remove(target)
            if counts == RemovalCounts() { summary.unmatched.append(text) } else { summary.removed.append((target, counts)) }
        }
        if !summary.removed.isEmpty {
            summary.threading = try ThreadingPass.run(on: store)
            _ = try ListFooterPass.run(on: store)   // a list that shrank learns its footer again
            _ = try QuoteAttributionPass.run(on: store)
            _ = try TopicPass.run(on: store)   // threads that lost messages find their topics again
            // An address that went may have joined two others, and taken an organization's last message.
            _ = try affiliations.apply(to: store, always: true)
            // The report tables are stale now: the next report rebuilds them.
        }
        return summary
    }
}
