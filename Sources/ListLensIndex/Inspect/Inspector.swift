import ListLensAnalysis
import ListLensMail

/// Parses one file without importing it, for "why did it parse this way" questions.
///
/// Each message comes out with its export fields plus its MIME tree and body segments. Parents are
/// resolved against earlier messages of the same file; organizations as the importer does.
public struct Inspector {
    /// Show a `multipart/alternative`'s HTML part, converted, instead of its plain one.
    public var preferHTML: Bool

    public init(preferHTML: Bool = false) { self.preferHTML = preferHTML }

    /// Reads `path` and calls `emit` per message, in file order. Throws ``ArchiveError`` for an unusable file;
    /// a file that stops early yields its messages and then throws.
    /// - Returns: for an HTML file, what the page turned out to be (an index page has no message of its own).
    @discardableResult
    public func inspect(path: String, emit: (ExportedMessage) throws -> Void) throws -> PageRole? {
        let reader = try ArchiveReader(path: path, bareText: true)
        let analyzer = MessageAnalyzer(parser: MessageParser(preferHTML: preferHTML), organizations: SystemSuffixList.resolver)
        var indexNames: [String: String?] = [:]
        let names = ListNaming.fallbacks(of: path, indexNames: &indexNames)   // once per file, not per message
        var seen: [String: String] = [:]   // message-id → thread key
        while let raw = try reader.next() {
            let a = analyzer.analyze(raw)
            let m = a.message
            let naming = ListNaming.name(for: m, override: nil, fallbacks: names)
            var parent: String? = nil
            var method: ParentMethod? = nil
            if let p = m.inReplyTo.first(where: { seen[$0] != nil }) { parent = p; method = .inReplyTo }
            else if let p = m.references.last(where: { seen[$0] != nil }) { parent = p; method = .references }
            let thread = parent.flatMap { seen[$0] } ?? m.references.first ?? m.inReplyTo.first ?? m.messageID
            seen[m.messageID] = thread
            var export = ExportedMessage(
                messageID: m.messageID, list: naming?.name,
                date: m.date?.rfc3339, from: .init(name: Identity.cleanName(m.from?.name), address: m.from?.address),
                to: m.to.map { .init(name: $0.name, address: $0.address) }, cc: m.cc.map { .init(name: $0.name, address: $0.address) },
                subject: m.subject, inReplyTo: m.inReplyTo, references: m.references, participant: a.participantKey,
                organization: a.organization, threadID: thread, parent: parent, parentMethod: method?.rawValue, tags: a.tags,
                text: m.text, authoredText: a.quoted.authored, quotedText: a.quoted.quoted,
                source: .init(path: raw.member.map { path + "!" + $0 } ?? path, offset: raw.offset, length: raw.length), defects: m.defects.map(\.rawValue))
            export.mime = Self.mimeNodes(m)
            export.listSource = naming?.source.rawValue
            export.segments = a.segments.map { s in
                ExportedMessage.Segment(kind: s.kind.rawValue, depth: s.depth, text: s.text, attribution: s.attribution.map { ExportedMessage.Attribution($0) })
            }
            if let reason = a.quarantineReason { export.defects.append("quarantined: \(reason)") }
            try emit(export)
        }
        switch reader.htmlRole {
        case .index?: return .index(linkedPages: HTMLArchive.linkedPages(ofIndexAt: path)?.count ?? 0)
        case .attachment?: return .scrubbedAttachment
        default: return nil
        }
    }

    /// What an HTML file without a message of its own is.
    public enum PageRole: Sendable, Equatable {
        /// An archive's index page (thread, date, author, subject), linking this many message pages.
        case index(linkedPages: Int)
        /// pipermail's scrubbed attachment, read with the message page that links to it.
        case scrubbedAttachment
    }

    /// The MIME tree flattened depth-first, numbered like IMAP body parts.
    static func mimeNodes(_ m: Message) -> [ExportedMessage.MIMENode] {
        var out: [ExportedMessage.MIMENode] = []
        var stack: [(Int, String)] = [(0, "0")]
        while let (i, number) = stack.popLast() {
            let p = m.mime.parts[i]
            out.append(.init(part: number, contentType: p.contentType.value, charset: p.contentType.parameters["charset"],
                             transferEncoding: p.transferEncoding, disposition: p.disposition, filename: p.filename,
                             bytes: p.body.count, shown: m.textParts.contains(i)))
            for (k, c) in p.children.enumerated().reversed() {
                stack.append((c, number == "0" ? "\(k + 1)" : "\(number).\(k + 1)"))
            }
        }
        return out
    }
}
