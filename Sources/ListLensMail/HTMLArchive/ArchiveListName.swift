import CLibXML2

/// The list's name as an archive's own index pages give it, for messages whose headers do not.
///
/// - pipermail: the list page is titled `The Divunal-author Archives`, a month's index pages
///   `The Divunal-author May 2012 Archive by thread` → `divunal-author`.
/// - hypermail: index pages are titled `<label>: by thread`, the label set with `hypermail -l`;
///   a label naming `the cf-metadata mailing list` → `cf-metadata`, a one-word label → that word.
///
/// Only the folder's own index pages are read (`index.html`, `thread.html`, `date.html`), each at
/// most ``HTMLArchiveLimits/maxPageBytes``.
public enum ArchiveListName {
    static let indexPages = ["index.html", "thread.html", "date.html"]

    /// The list named by the index pages in `folder` (a path ending in `/`, or empty for the current folder).
    public static func inFolder(_ folder: String) -> String? {
        for page in indexPages {
            guard let bytes = HTMLArchive.readFile(folder + page), let title = title(bytes) else { continue }
            if let name = fromTitle(title) { return name }
        }
        return nil
    }

    /// The list name in an index page's title, lowercased; nil when the title names none.
    public static func fromTitle(_ title: String) -> String? {
        let t = HTMLArchive.collapse(title)
        let words = t.split(separator: " ")
        if words.count >= 3, words[0] == "The", t.hasSuffix(" Archives") || t.contains(" Archive by ") {
            return listName(words[1])
        }
        guard let colon = t.ranges(of: ": by ").last else { return nil }
        let label = t[..<colon.lowerBound].lowercased()
        if let r = label.ranges(of: " mailing list").last {
            return label[..<r.lowerBound].split(separator: " ").last.flatMap(listName)
        }
        let labelWords = label.split(separator: " ")
        return labelWords.count == 1 ? listName(labelWords[0]) : nil
    }

    /// A word that can be a list name (letters, digits, `-`, `_`, `.`), lowercased.
    static func listName(_ word: Substring) -> String? {
        let name = word.lowercased()
        guard !name.isEmpty, name.count <= 128,
              name.unicodeScalars.allSatisfy({ ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) })
        else { return nil }
        return name
    }

    private static func title(_ bytes: [UInt8]) -> String? {
        guard let doc = HTMLArchive.document(bytes) else { return nil }
        var title: String?
        doc.forEachNode { node in
            if node.pointee.type == XML_ELEMENT_NODE, HTMLDocument.name(node) == "title" {
                title = HTMLDocument.textContent(node)
                return false
            }
            return true
        }
        return title
    }
}
