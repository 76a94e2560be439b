import CLibXML2
import ListLensText

/// Mailman 2's pipermail pages: one page per message, index pages per month, scrubbed attachments.
///
/// A message page shows the subject in `<H1>`, the sender's name in `<B>`, the (obfuscated)
/// address as the text of a `mailto:` link, the date in `<I>`, and the body between
/// `<!--beginarticle-->` and `<!--endarticle-->` with quoted lines in `<I>`. The `mailto:` link
/// is for replying to this message. Mailman 2.1.16 and later put the message's own Message-ID in
/// its `In-Reply-To=` parameter, in angle brackets (`%3C…%3E`); the parent is not on the page and
/// comes from the month's `thread.html`. Earlier 2.1 releases put the message's own In-Reply-To
/// there, bare (empty for a thread's first message): the parent's id, and no id of its own
/// (divunal-author's 2004–2012 pages). Pages before that have no parameter.
enum PipermailPage {
    static func isArticle(_ comments: [(node: xmlNodePtr, text: String)]) -> Bool {
        comments.contains { $0.text == "beginarticle" }
    }

    /// The message on a pipermail message page; nil when the page has no article.
    static func article(_ doc: HTMLDocument, comments: [(node: xmlNodePtr, text: String)], context: HTMLArchive.Context,
                        path: String) -> ArchivedMessage? {
        guard let begin = comments.first(where: { $0.text == "beginarticle" })?.node else { return nil }
        var subject: String?, name: String?, address: String?, date: String?, replyLink: ReplyLinkID?
        var sawMailto = false
        var reachedArticle = false
        doc.forEachNode { node in
            if node == begin { reachedArticle = true; return false }
            guard node.pointee.type == XML_ELEMENT_NODE else { return true }
            switch HTMLDocument.name(node) {
            case "h1" where subject == nil: subject = HTMLArchive.collapse(HTMLDocument.textContent(node))
            case "link" where replyLink == nil:
                if HTMLDocument.attribute(node, "rel")?.lowercased() == "made", let href = HTMLDocument.attribute(node, "href") {
                    replyLink = replyLinkID(href)
                }
            case "b" where name == nil && !sawMailto && subject != nil: name = HTMLArchive.collapse(HTMLDocument.textContent(node))
            case "a" where !sawMailto:
                if let href = HTMLDocument.attribute(node, "href"), href.lowercased().hasPrefix("mailto:") {
                    sawMailto = true
                    address = HTMLArchive.collapse(HTMLDocument.textContent(node))
                    if let id = replyLinkID(href) { replyLink = id }
                }
            case "i" where sawMailto && date == nil: date = HTMLArchive.collapse(HTMLDocument.textContent(node))
            default: break
            }
            return true
        }
        guard reachedArticle else { return nil }
        let body = HTMLDocument.siblings(after: begin) { isComment($0, "endarticle") }
        let text = HTMLText.text(of: body, stop: { isComment($0, "endarticle") }, linkTargets: false)
        var message = ArchivedMessage(from: HTMLArchive.fromField(name: name, address: address), date: date,
                                      subject: subject, messageID: nil, text: text)
        switch replyLink {
        case .own(let id):
            message.messageID = id
            if let parent = context.pipermailParent(of: id, pagePath: path) { message.inReplyTo = [parent] }
        case .parent(let id):
            message.inReplyTo = [id]
        case nil:
            break
        }
        message.htmlAttachments = reunitedAttachments(body, pagePath: path)
        return message
    }

    /// A message page's own Message-ID, from its first reply link (in the head or before the
    /// article); nil for pages whose link carries their parent's id instead.
    static func messageID(_ doc: HTMLDocument) -> String? {
        var id: String?
        doc.forEachNode { node in
            if node.pointee.type == XML_ELEMENT_NODE, let href = HTMLDocument.attribute(node, "href"),
               href.lowercased().hasPrefix("mailto:"), let found = replyLinkID(href) {
                if case .own(let own) = found { id = own }
                return false
            }
            return !isComment(node, "beginarticle")
        }
        return id
    }

    /// Whose id a reply link's `In-Reply-To=` parameter holds (see the type's comment).
    enum ReplyLinkID: Equatable {
        /// `%3Cid%3E`: the page's own Message-ID.
        case own(String)
        /// A bare id: the page's In-Reply-To, its parent's Message-ID.
        case parent(String)
    }

    /// The id in a reply link's `In-Reply-To=` parameter, without `<>`; nil when there is none.
    static func replyLinkID(_ href: String) -> ReplyLinkID? {
        guard let r = href.firstRange(of: "In-Reply-To=") else { return nil }
        let value = href[r.upperBound...].prefix { $0 != "&" }
        var id = HTMLArchive.percentDecode(String(value)).trimmingCharacters(in: " \t")
        let bracketed = id.hasPrefix("<")
        if bracketed { id.removeFirst() }
        if id.hasSuffix(">") { id.removeLast() }
        guard !id.isEmpty, id.count <= HeaderLimits.maxMessageIDLength else { return nil }
        return bracketed ? .own(id) : .parent(id)
    }

    static func isComment(_ node: xmlNodePtr, _ text: String) -> Bool {
        guard node.pointee.type == XML_COMMENT_NODE, let c = node.pointee.content else { return false }
        return String(cString: c) == text
    }

    // MARK: - Scrubbed attachments

    /// Links in the body to `…/attachments/…` files that exist next to the archive, read back into
    /// the HTML Mailman scrubbed from the message.
    static func reunitedAttachments(_ body: [xmlNodePtr], pagePath: String) -> [(name: String, source: String)] {
        var hrefs: [String] = []
        for root in body {
            var stack = [root]
            while let n = stack.popLast(), hrefs.count < HTMLArchiveLimits.maxAttachments {
                if n.pointee.type == XML_ELEMENT_NODE, HTMLDocument.name(n) == "a", let href = HTMLDocument.attribute(n, "href"),
                   href.contains("/attachments/"), href.hasSuffix(".html") || href.hasSuffix(".htm") {
                    hrefs.append(href)
                }
                var c = n.pointee.children
                while let k = c { stack.append(k); c = k.pointee.next }
            }
        }
        var out: [(String, String)] = []
        for href in hrefs {
            guard let local = HTMLArchive.localAttachmentPath(href: href, pagePath: pagePath),
                  let bytes = HTMLArchive.readFile(local), let source = attachmentSource(bytes) else { continue }
            out.append((String(local.split(separator: "/").last ?? "attachment.html"), source))
        }
        return out
    }

    /// The original HTML of a scrubbed attachment page: Mailman stored it escaped in `<tt>`, with
    /// `&nbsp;` for spaces and `<br>` at line ends.
    static func attachmentSource(_ bytes: [UInt8]) -> String? {
        let decoded = Charset.decode(bytes[...], label: HTMLText.metaCharset(in: bytes[...]))
        guard let doc = HTMLDocument(utf8: Array(decoded.text.utf8)), let tt = doc.first("tt") ?? doc.first("pre") else { return nil }
        let source = HTMLDocument.textContent(tt).replacingOccurrences(of: "\u{00A0}", with: " ")
        return source.contains("<") ? source : nil
    }

    /// True for a page that is a scrubbed attachment: a bare `<tt>` (or `<pre>`) under `attachments/`.
    static func isAttachmentPage(_ doc: HTMLDocument, path: String) -> Bool {
        guard path.contains("/attachments/") || path.hasPrefix("attachments/") else { return false }
        return doc.first("tt") != nil || doc.first("pre") != nil
    }

    // MARK: - Index pages

    /// `thread.html`: the pages in thread order with their thread key, from pipermail's
    /// `<!--N key-->` comment before each entry. The key lists the entry's ancestors
    /// (`01372710959.27159-01372714960.59621-`); N is only the indentation, capped at 3.
    static func threadEntries(_ doc: HTMLDocument) -> [(page: String, key: String)] {
        var out: [(String, String)] = []
        var pending: String?
        doc.forEachNode { node in
            if node.pointee.type == XML_COMMENT_NODE, let c = node.pointee.content {
                let text = String(cString: c).trimmingCharacters(in: " \t\n")
                if let space = text.firstIndex(of: " "), Int(text[..<space]) != nil {
                    pending = String(text[text.index(after: space)...]).trimmingCharacters(in: " ")
                }
            } else if let key = pending, node.pointee.type == XML_ELEMENT_NODE, HTMLDocument.name(node) == "a",
                      let href = HTMLDocument.attribute(node, "href"), HTMLArchive.isMessagePageName(href) {
                out.append((href, key))
                pending = nil
            }
            return out.count < HTMLArchiveLimits.maxIndexEntries
        }
        return out
    }

    /// `a-b-c-` → `a-b-`; nil for a thread root (`a-`).
    static func parentKey(_ key: String) -> String? {
        var parts = key.split(separator: "-", omittingEmptySubsequences: true)
        guard parts.count > 1 else { return nil }
        parts.removeLast()
        return parts.joined(separator: "-") + "-"
    }
}
