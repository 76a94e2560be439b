import ListLensText
/// Who sent a message, as a stable key that groups one person's messages.
///
/// For now one address is one participant: the key is the address, lowercased (local parts are
/// case-insensitive in practice on every list host in the corpora). Merging a person's several
/// addresses and names is the identities issue's work; the key keeps its meaning then.
public enum Identity {
    /// `Glyph@Twistedmatrix.com` → `glyph@twistedmatrix.com`.
    public static func participantKey(address: String) -> String {
        address.lowercased()
    }

    /// The participant of a message whose list rewrote From and kept only the author's name:
    /// `twisted-python@twistedmatrix.com#shawn church` (the name as ``PersonName/key(_:)`` folds it).
    public static func rewrittenKey(listAddress: String, name: String) -> String {
        participantKey(address: listAddress) + "#" + (PersonName.key(name) ?? name.lowercased())
    }

    /// The list address and folded name of a ``rewrittenKey(listAddress:name:)``, or nil for an address.
    public static func rewrittenParts(of key: String) -> (listAddress: Substring, name: Substring)? {
        guard let hash = key.firstIndex(of: "#"), let at = key.firstIndex(of: "@"), at < hash else { return nil }
        return (key[..<hash], key[key.index(after: hash)...])
    }

    /// The domain part of an address, lowercased, or nil.
    public static func domain(of address: String) -> String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let d = address[address.index(after: at)...].lowercased()
        let trimmed = d.trimmingCharacters(in: " .>")
        return trimmed.contains(".") ? trimmed : nil
    }

    /// A display name cleaned of quotes and the DMARC rewrite `Name via List`.
    public static func cleanName(_ name: String?) -> String? {
        guard var n = name?.trimmingCharacters(in: " \t"), !n.isEmpty else { return nil }
        // One pair of surrounding quotes goes; an apostrophe that ends a name (`Buddingh'`) stays.
        while n.count >= 2, let f = n.first, let l = n.last, (f == "\"" && l == "\"") || (f == "'" && l == "'") {
            n = String(n.dropFirst().dropLast()).trimmingCharacters(in: " \t")
        }
        if let r = n.firstRange(of: " via ") { n = String(n[..<r.lowerBound]) }
        return n.isEmpty ? nil : n
    }
}
