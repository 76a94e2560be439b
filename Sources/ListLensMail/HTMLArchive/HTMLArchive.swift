import CLibXML2
import ListLensText
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads list archives that exist only as web pages: pipermail, hypermail and MHonArc message
/// pages, their index pages, pipermail's scrubbed attachments, and bare HTML mail bodies.
///
/// A page is recognised by its content (comments and structure the archiver writes), never by
/// its name. Every page is parsed by libxml2 (``HTMLDocument``); the body becomes text through
/// the same converter as HTML mail, so quotes come out as `>` lines and segment the same way.
public enum HTMLArchive {
    /// What one HTML file holds.
    public enum Page {
        /// A message page of an archive.
        case message(RawMessage)
        /// An index page (by thread, date, author or subject): no message of its own; the local
        /// message pages it links to, as paths.
        case index(linkedPages: [String])
        /// A pipermail scrubbed attachment: read with the message that links to it.
        case attachment
        /// Not an archive page: an HTML mail body without headers (imported with a `no-headers` defect).
        case bareBody(RawMessage)
    }

    /// State shared by the pages of one import: pipermail's thread indexes, read once per folder.
    public final class Context {
        private var parents: [String: [String: String]] = [:]   // folder → message-id → parent message-id
        private var order: [String] = []

        public init() {}

        /// The parent of message `id` on a pipermail page at `pagePath`, from the folder's `thread.html`.
        func pipermailParent(of id: String, pagePath: String) -> String? {
            let folder = HTMLArchive.folder(of: pagePath)
            if parents[folder] == nil {
                if order.count >= HTMLArchiveLimits.maxCachedThreadIndexes { parents[order.removeFirst()] = nil }
                parents[folder] = Self.readThreadIndex(folder: folder)
                order.append(folder)
            }
            return parents[folder]?[id]
        }

        /// Each entry's parent is the entry whose thread key is its own minus the last part; pages
        /// are identified by the Message-ID in their reply link.
        private static func readThreadIndex(folder: String) -> [String: String] {
            guard let bytes = HTMLArchive.readFile(folder + "thread.html"), let doc = HTMLArchive.document(bytes) else { return [:] }
            var idByKey: [String: String] = [:]
            var entries: [(id: String, key: String)] = []
            for (page, key) in PipermailPage.threadEntries(doc) {
                guard isLocalName(page), let pageBytes = readFile(folder + page), let pageDoc = document(pageBytes),
                      let id = PipermailPage.messageID(pageDoc) else { continue }
                idByKey[key] = id
                entries.append((id, key))
            }
            var result: [String: String] = [:]
            for (id, key) in entries {
                if let parentKey = PipermailPage.parentKey(key), let parent = idByKey[parentKey] { result[id] = parent }
            }
            return result
        }
    }

    /// Reads one HTML file. `bytes` are the file's bytes (already cut at ``HTMLArchiveLimits/maxPageBytes``).
    public static func page(path: String, bytes: [UInt8], context: Context) -> Page {
        guard let doc = document(bytes) else { return .bareBody(bare(bytes)) }
        let comments = doc.comments()
        let archived: ArchivedMessage?
        switch kind(doc, comments: comments, path: path) {
        case .pipermail: archived = PipermailPage.article(doc, comments: comments, context: context, path: path)
        case .mhonarc: archived = MHonArcPage.message(comments)
        case .hypermail: archived = HypermailPage.message(comments)
        case .index(let pages): return .index(linkedPages: pages)
        case .attachment: return .attachment
        case .bare: archived = nil
        }
        guard let archived else { return .bareBody(bare(bytes)) }
        var raw = RawMessage(bytes: archived.rfc5322(), offset: 0, length: Int64(bytes.count))
        raw.origin = .htmlArchive
        return .message(raw)
    }

    /// The local message pages an index page links to, or nil when `path` is not an index page
    /// (a message page links its neighbours too, but is no index).
    public static func linkedPages(ofIndexAt path: String) -> [String]? {
        guard let bytes = readFile(path), let doc = document(bytes),
              case .index(let pages) = kind(doc, comments: doc.comments(), path: path) else { return nil }
        return pages
    }

    private enum Kind { case pipermail, mhonarc, hypermail, index([String]), attachment, bare }

    /// What a page is, from the markers each archiver writes; a message page is never an index.
    private static func kind(_ doc: HTMLDocument, comments: [(node: xmlNodePtr, text: String)], path: String) -> Kind {
        if PipermailPage.isArticle(comments) { return .pipermail }
        if MHonArcPage.isMessage(comments) { return .mhonarc }
        if HypermailPage.isMessage(comments) { return .hypermail }
        if let linked = indexLinks(doc) { return .index(linked.map { folder(of: path) + $0 }) }
        if PipermailPage.isAttachmentPage(doc, path: path) { return .attachment }
        return .bare
    }

    private static func bare(_ bytes: [UInt8]) -> RawMessage {
        var raw = RawMessage(bytes: Array("Content-Type: text/html\n\n".utf8) + bytes, offset: 0, length: Int64(bytes.count))
        raw.origin = .bareHTML
        return raw
    }

    /// An index page: pipermail's month indexes and list page, hypermail's and MHonArc's indexes.
    /// Returns the message pages linked (same folder, in page order, once each); for pipermail's
    /// list page, which links months, the month archives it links (`2013-July.txt.gz`).
    static func indexLinks(_ doc: HTMLDocument) -> [String]? {
        var pages: [String] = []
        var archives: [String] = []
        var seen = Set<String>()
        var monthLinks = 0
        doc.forEachNode { node in
            guard node.pointee.type == XML_ELEMENT_NODE, HTMLDocument.name(node) == "a",
                  var href = HTMLDocument.attribute(node, "href") else { return true }
            if href.hasPrefix("./") { href.removeFirst(2) }
            if let hash = href.firstIndex(of: "#") { href = String(href[..<hash]) }
            if href.hasSuffix("/thread.html") || href.hasSuffix(".txt.gz") || href.hasSuffix(".txt") { monthLinks += 1 }
            if isLocalName(href), isMessagePageName(href), seen.insert(href).inserted { pages.append(href) }
            if isLocalName(href), href.hasSuffix(".txt.gz") || href.hasSuffix(".txt"), seen.insert(href).inserted { archives.append(href) }
            return pages.count < HTMLArchiveLimits.maxIndexEntries
        }
        // Message pages were recognised before: a page linking to one is an index (a month of one message too).
        if !pages.isEmpty { return pages }
        if monthLinks >= 2 { return archives }
        return nil
    }

    /// pipermail `027159.html`, hypermail `0399.html`, MHonArc `msg00001.html`.
    static func isMessagePageName(_ name: String) -> Bool {
        guard name.hasSuffix(".html") else { return false }
        var stem = name.dropLast(5)
        if stem.hasPrefix("msg") { stem = stem.dropFirst(3) }
        return stem.count >= 4 && stem.count <= 9 && stem.allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func isLocalName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && !name.contains(":") && name != "." && name != ".."
    }

    // MARK: - Helpers

    /// Decodes the page's charset (its `<meta>`, else detection) and parses it.
    static func document(_ bytes: [UInt8]) -> HTMLDocument? {
        let decoded = Charset.decode(bytes[...], label: HTMLText.metaCharset(in: bytes[...]))
        return HTMLDocument(utf8: Array(decoded.text.utf8))
    }

    /// The folder part of a path, with its trailing `/` (empty for a bare file name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// Reads a whole file, up to ``HTMLArchiveLimits/maxPageBytes``; nil when it cannot be read.
    public static func readFile(_ path: String) -> [UInt8]? {
        guard let src = try? FileByteSource(path: path) else { return nil }
        defer { src.close() }
        return try? src.readAll(keeping: HTMLArchiveLimits.maxPageBytes).bytes
    }

    /// `http://host/pipermail/list/attachments/20130701/3d5de807/attachment.html` → the file under the
    /// archive's own `attachments/` folder, found from the page's folder and its parent.
    static func localAttachmentPath(href: String, pagePath: String) -> String? {
        guard let r = href.firstRange(of: "/attachments/") else { return nil }
        let rest = href[r.upperBound...]
        guard !rest.contains(".."), !rest.isEmpty else { return nil }
        let folder = folder(of: pagePath)
        for base in [folder + "../attachments/", folder + "attachments/"] {
            let candidate = base + rest
            var st = stat()
            if stat(candidate, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG { return candidate }
        }
        return nil
    }

    /// Runs of white space become one space; ends trimmed.
    static func collapse(_ s: String) -> String {
        var out = ""
        var space = false
        for ch in s {
            if ch == " " || ch == "\n" || ch == "\t" || ch == "\r" || ch == "\u{00A0}" { space = !out.isEmpty; continue }
            if space { out.append(" "); space = false }
            out.append(ch)
        }
        return out
    }

    /// A `From:` value from what a page shows. An obfuscated address (`user at host`) keeps pipermail's
    /// `address (Name)` form, which the address parser reads as it reads pipermail's mbox text.
    static func fromField(name: String?, address: String?) -> String? {
        let name = name.map(collapse).flatMap { $0.isEmpty ? nil : $0 }
        guard let address = address.map(collapse), !address.isEmpty else { return name }
        guard let name, name != address else { return address }
        if !address.contains(" at ") {
            let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(quoted)\" <\(address)>"
        }
        return "\(address) (\(name.filter { $0 != "(" && $0 != ")" }))"
    }

    /// `%3C` → `<`; invalid escapes are kept as they are.
    static func percentDecode(_ s: String) -> String {
        var bytes: [UInt8] = []
        let u = Array(s.utf8)
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "%"), i + 2 < u.count, let h = hex(u[i + 1]), let l = hex(u[i + 2]) {
                bytes.append(h << 4 | l); i += 3
            } else { bytes.append(u[i]); i += 1 }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    /// `&#45;`, `&#x15B;`, `&quot;`, `&amp;`, `&lt;`, `&gt;`, `&apos;` in comment text (which the HTML
    /// parser leaves as written). Unknown entities are kept.
    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semi = after.prefix(10).firstIndex(of: ";") else { out.append("&"); rest = after; continue }
            let name = after[..<semi]
            var scalar: Unicode.Scalar?
            if name.hasPrefix("#x") || name.hasPrefix("#X") { scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
            else if name.hasPrefix("#") { scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
            else { scalar = ["quot": "\"", "amp": "&", "lt": "<", "gt": ">", "apos": "'", "nbsp": "\u{00A0}"][String(name)] }
            if let scalar { out.unicodeScalars.append(scalar); rest = after[after.index(after: semi)...] }
            else { out.append("&"); rest = after }
        }
        return out + rest
    }
}
