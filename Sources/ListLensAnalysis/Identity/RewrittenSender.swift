import Foundation
import ListLensMail

/// Undoes a list's DMARC rewrite of From: Mailman and Google Groups send a post from a domain that
/// publishes a strict DMARC policy as `"Ann Lee via Twisted-Python" <twisted-python@…>`, with the
/// author somewhere else in the message. This finds the author, so the message counts for them and
/// not for the list.
///
/// A From is rewritten when its display name ends in ` via …`, or when its address is the list's:
/// the List-Post address, the List-Id as an address, or the list's name as the local part of an
/// address the message's own footer names (a pipermail month keeps no list headers). The
/// author is then taken from, in this order: X-Original-From, X-Original-Sender, Original-From
/// (RFC 5703), the From of a wrapped message/rfc822 part (Mailman's `wrap_message`), or Reply-To
/// when From is the list's address. A pipermail archive keeps none of those headers: the author is
/// then the name alone (``Source/nameOnly``), which the identity pass joins to the one person who
/// writes under that full name, if there is one.
public enum RewrittenSender {
    public enum Source: String, Sendable, Codable, CaseIterable {
        case xOriginalFrom = "x-original-from"
        case xOriginalSender = "x-original-sender"
        case originalFrom = "original-from"
        case wrappedMessage = "wrapped-message"
        case replyTo = "reply-to"
        /// No header names the author: only the display name the list kept.
        case nameOnly = "name-only"
    }

    public struct Author: Sendable, Equatable {
        /// The author's address; nil for ``Source/nameOnly``.
        public var address: String?
        public var name: String?
        public var source: Source

        public init(address: String?, name: String?, source: Source) {
            self.address = address
            self.name = name
            self.source = source
        }
    }

    /// The author of `message` when its From was rewritten by its list, else nil. `raw` holds the
    /// message's bytes (for a wrapped part's headers); `listName` is the name of the list it was
    /// imported into, when known (a pipermail month's folder).
    public static func author(of message: Message, raw: [UInt8], listName: String?) -> Author? {
        guard let from = message.from, let at = from.address.lastIndex(of: "@") else { return nil }
        let address = from.address.lowercased()
        let local = String(address[..<at])
        let viaName = from.name.flatMap(viaAuthor)
        let listAddresses = listAddresses(of: message)
        let isListAddress = listAddresses.contains(address)
            || (local == listName?.lowercased() && footerNames(address, in: message.text))
        guard viaName != nil || isListAddress else { return nil }

        for (header, source) in [("x-original-from", Source.xOriginalFrom), ("x-original-sender", .xOriginalSender),
                                 ("original-from", .originalFrom)] {
            if let m = mailbox(message.headers, header), m.address.lowercased() != address {
                return Author(address: m.address, name: m.name ?? viaName, source: source)
            }
        }
        if let wrapped = wrappedFrom(message, raw: raw), wrapped.address.lowercased() != address {
            return Author(address: wrapped.address, name: wrapped.name ?? viaName, source: .wrappedMessage)
        }
        if isListAddress, let m = mailbox(message.headers, "reply-to"), m.address.lowercased() != address,
           !listAddresses.contains(m.address.lowercased()) {
            return Author(address: m.address, name: m.name ?? viaName, source: .replyTo)
        }
        // Only the name is left, and only the list's address loses its author without it (a
        // `Name via LinkedIn` from LinkedIn's own address stays that address's). A list's address
        // with no name, or with the list's own name, is the list's.
        guard isListAddress else { return nil }
        let name = viaName ?? from.name.map { $0.trimmingCharacters(in: " \t\"'") }
        guard let name, PersonName.key(name) != nil else { return nil }
        if let listName, name.lowercased().contains(listName.lowercased()) { return nil }
        return Author(address: nil, name: name, source: .nameOnly)
    }

    /// `Ann Lee via Twisted-Python` → `Ann Lee`; `'Ann Lee' via golang-nuts` → `Ann Lee`.
    static func viaAuthor(_ name: String) -> String? {
        guard let r = name.range(of: " via ", options: .backwards) else { return nil }
        let who = name[..<r.lowerBound].trimmingCharacters(in: " \t\"'")
        return who.isEmpty ? nil : who
    }

    /// The list's addresses the headers give, lowercased: List-Post, and List-Id read as an address
    /// (`twisted-python.twistedmatrix.com` → `twisted-python@twistedmatrix.com`).
    static func listAddresses(of message: Message) -> [String] {
        var out: [String] = []
        if let post = message.listPost { out.append(post.lowercased()) }
        if let id = message.listID?.lowercased(), let dot = id.firstIndex(of: ".") {
            out.append(String(id[..<dot]) + "@" + id[id.index(after: dot)...])
        }
        return out
    }

    /// The lines at the end of a body searched for the list's footer.
    static let footerLines = 12

    /// Whether one of the last lines of `text` is `address` alone (after quote marks), as a list's
    /// footer names the list's address. A pipermail month keeps no list headers, and people write
    /// from addresses named after the list (`twisted-python@2xlp.com`): only the footer tells the
    /// list's own address from theirs. Pipermail writes it as it writes every address: `list at host`.
    static func footerNames(_ address: String, in text: String) -> Bool {
        let forms: Set<String> = [address, address.replacingOccurrences(of: "@", with: " at ")]
        var seen = 0
        for line in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: true).reversed() {
            seen += 1
            if seen > footerLines { return false }
            let content = line.drop { $0 == 0x3E || $0 == 0x20 || $0 == 0x09 }
            guard content.count <= address.utf8.count + 3 else { continue }
            let trimmed = String(decoding: content, as: UTF8.self).trimmingCharacters(in: " \t\r").lowercased()
            if forms.contains(trimmed) { return true }
        }
        return false
    }

    static func mailbox(_ headers: HeaderBlock, _ name: String) -> Mailbox? {
        guard let f = headers.first(name) else { return nil }
        return AddressParser.parse(Array(f.unfoldedValue.utf8)).mailboxes.first { $0.address.contains("@") }
    }

    /// The From of the first message/rfc822 part directly under the top of the message.
    static func wrappedFrom(_ message: Message, raw: [UInt8]) -> Mailbox? {
        guard let top = message.mime.parts.first else { return nil }
        let candidates = [0] + top.children
        for i in candidates where i < message.mime.parts.count {
            let part = message.mime.parts[i]
            guard part.contentType.value == "message/rfc822", let child = part.children.first,
                  child < message.mime.parts.count, part.body.upperBound <= raw.count else { continue }
            var defects: [MailDefect] = []
            let (headers, _) = HeaderBlock.parse(raw[part.body], defects: &defects)
            if let m = mailbox(headers, "from") { return m }
        }
        return nil
    }
}
