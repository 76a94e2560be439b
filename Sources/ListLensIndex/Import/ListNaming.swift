import ListLensMail

/// Which list a message belongs to, and what said so: the caller's `--list`, else the message's
/// `List-Id`, else its `List-Post` address, else the archive's list folder (the folder holding the
/// file, passing over Maildir's `cur`/`new`/`tmp` and pipermail's month folders).
///
/// `twisted-python.twistedmatrix.com` (List-Id) → `twisted-python`;
/// `…/twisted-python/2013-July/027159.html` (no headers name it) → `twisted-python`.
public enum ListNaming {
    /// Where a list name came from; `inspect` shows it.
    public enum Source: String, Sendable, Codable {
        case option, listID = "list-id", listPost = "list-post", folder
    }

    /// - Parameter folder: ``listFolder(of:)`` of the message's file, computed once per file by the caller.
    public static func name(for message: Message, override: String?, folder: String?) -> (name: String, source: Source)? {
        if let override { return (override, .option) }
        if let id = message.listID { return (listName(fromListID: id), .listID) }
        if let post = message.listPost, let at = post.firstIndex(of: "@"), at > post.startIndex {
            return (String(post[..<at]).lowercased(), .listPost)
        }
        if let folder { return (folder, .folder) }
        return nil
    }

    /// `twisted-python.twistedmatrix.com` → `twisted-python`; `openbmc.lists.ozlabs.org` → `openbmc`.
    public static func listName(fromListID id: String) -> String {
        String(id.split(separator: ".").first ?? Substring(id))
    }

    /// The nearest folder above the file that is not a Maildir or month folder (three levels at most).
    public static func listFolder(of path: String) -> String? {
        let parts = FileDiscovery.realPath(path).split(separator: "/").dropLast()
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
