/// Maps a sender's address to an organization: its registrable domain (public suffix list),
/// unless the domain is a webmail or ISP provider, whose users are individuals, not an organization.
///
/// `j.doe@linux.vnet.ibm.com` → `ibm.com`; `x@gmail.com` → nil (webmail); `x@lists.sf.net` → `sf.net`.
/// Pure: the suffix list and the webmail domains are values the caller supplies.
public struct OrganizationResolver: Sendable {
    public let suffixes: PublicSuffixList
    public let webmail: Set<String>

    /// Domains of webmail and consumer providers (``ConsumerMailDomains``). Messages from them count for no organization.
    public static let defaultWebmail: Set<String> = ConsumerMailDomains.all

    /// Domains an archive put in place of the sender's own: Gmane wrote `jlayton@redhat.com` as
    /// `jlayton-eUNUBHrolfbYtjvyW6yDsg@public.gmane.org`. The sender's organization is unknown.
    public static let archiveDomains: Set<String> = ["public.gmane.org", "lists.gmane.org"]

    public init(suffixes: PublicSuffixList, webmail: Set<String> = OrganizationResolver.defaultWebmail) {
        self.suffixes = suffixes
        self.webmail = webmail
    }

    /// The registrable domain of `domain` (`mail.us.ibm.com` → `ibm.com`), or the domain itself when
    /// the list does not know it.
    public func registrableDomain(_ domain: String) -> String {
        suffixes.registrableDomain(domain.lowercased())
    }

    /// The organization key for a sender address: its registrable domain, or nil for webmail and
    /// for addresses without a domain.
    public func organization(forAddress address: String) -> String? {
        guard let domain = Identity.domain(of: address), !Self.archiveDomains.contains(domain) else { return nil }
        let reg = registrableDomain(domain)
        if webmail.contains(reg) || webmail.contains(domain) { return nil }
        return reg
    }
}
