/// A person's address as a header gives it: `"Jeremy Stanley" <fungi@yuggoth.org>`.
public struct Mailbox: Sendable, Equatable, Hashable, Codable {
    /// The display name, RFC 2047-decoded and unquoted; nil when none was given.
    public var name: String?
    /// The address, with the domain lowercased. May lack an `@` when the header was broken.
    public var address: String

    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }
}
