import ListLensMail

/// Which list a message belongs to, and what said so: the caller's `--list`, else the message's
/// `List-Id`, else its `List-Post` address, else the archive's own index page in the file's folder
/// (``ArchiveListName``: pipermail's `The Divunal-author Archives`, hypermail's label), else the
/// archive's list folder (the folder holding the file, passing over Maildir's `cur`/`new`/`tmp`
/// and pipermail's month folders).
///
/// `twisted-python.twistedmatrix.com` (List-Id) → `twisted-python`;
/// `…/cf-convention-hypermail/Data/0096.html`, whose `thread.html` is titled `… on the cf-metadata
/// mailing list: by thread` → `cf-metadata`;
/// `…/twisted-python/2013-July/027159.html` (nothing else names it) → `twisted-python`.
public enum ListNaming {
    /// Where a list name came from; `inspect` shows it.
    public enum Source: String, Sendable, Codable {
        case option, listID = "list-id", listPost = "list-post", indexPage = "index-page", folder
    }

    /// What names the list of a file's messages when their headers do not: found once per file.
    public struct Fallbacks: Sendable, Equatable {
        /// The name the archive's own index page in the file's folder gives.
        public var indexPage: String?
        /// ``ListNaming/listFolder(of:)``.
        public var folder: String?

        public init(indexPage: String? = nil, folder: String? = nil) {
            self.indexPage = indexPage
            self.folder = folder
        }
    }

    /// The fallbacks for the file at `path`; `indexNames` remembers each folder's index page name,
    /// so a folder of pages reads its index pages once.
    public static func fallbacks(of path: String, indexNames: inout [String: String?]) -> Fallbacks {
        let real = FileDiscovery.realPath(path)
        let folder = real.lastIndex(of: "/").map { String(real[...$0]) } ?? ""
        let indexPage: String?
        if let known = indexNames[folder] {
            indexPage = known
        } else {
            indexPage = ArchiveListName.inFolder(folder)
            indexNames[folder] = .some(indexPage)
        }
        return Fallbacks(indexPage: indexPage, folder: listFolder(ofResolved: real))
    }

    public static func name(for message: Message, override: String?, fallbacks: Fallbacks) -> (name: String, source: Source)? {
        if let override { return (override, .option) }
        if let id = message.listID { return (listName(fromListID: id), .listID) }
        if let post = message.listPost, let at = post.firstIndex(of: "@"), at > post.startIndex {
            return (String(post[..<at]).lowercased(), .listPost)
        }
        if let name = fallbacks.indexPage { return (name, .indexPage) }
        if let folder = fallbacks.folder { return (folder, .folder) }
        return nil
    }

    /// `twisted-python.twistedmatrix.com` → `twisted-python`; `openbmc.lists.ozlabs.org` → `openbmc`.
    public static func listName(fromListID id: String) -> String {
        String(id.split(separator: ".").first ?? Substring(id))
    }

    /// The nearest folder above the file that is not a Maildir or month folder (three levels at most).
    public static func listFolder(of path: String) -> String? {
        listFolder(ofResolved: FileDiscovery.realPath(path))
    }

    private static func listFolder(ofResolved path: String) -> String? {
        let parts = path.split(separator: "/").dropLast()
        for name in parts.reversed().prefix(3) where !isArchiveSubfolder(name) { return String(name) }
        return nil
    }

    /// Maildir's `cur`, `new`, `tmp`; pipermail's `2013-July`.
    static func isArchiveSubfolder(_ name: Substring) -> Bool {
        if ["cur", "new", "tmp"].contains(name) { return true }
        let pieces = name.split(separator: "-")
        return pieces.count == 2 && pieces[0].count == 4 && pieces[0].allSatisfy(\.isNumber)
            && months.contains(pieces[1].lowercased())
    }

    private static let months: Set<String> = ["january", "february", "march", "april", "may", "june", "july", "august",
                                              "september", "october", "november", "december"]
}
