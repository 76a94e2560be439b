/// Maps a sender's address to an organization: its registrable domain (public suffix list),
/// unless the domain is a webmail or ISP provider, whose users are individuals, not an organization.
///
/// `j.doe@linux.vnet.ibm.com` → `ibm.com`; `x@gmail.com` → nil (webmail); `x@lists.sf.net` → `sf.net`.
/// Pure: the suffix list and the webmail domains are values the caller supplies.
public struct OrganizationResolver: Sendable {
    public let suffixes: PublicSuffixList
    public let webmail: Set<String>

    /// Domains of webmail and consumer providers. Messages from them count for no organization.
    public static let defaultWebmail: Set<String> = [
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com",
        "hotmail.com", "hotmail.co.uk", "hotmail.fr", "outlook.com", "live.com", "msn.com", "aol.com",
        "icloud.com", "me.com", "mac.com", "gmx.de", "gmx.net", "gmx.com", "web.de", "mail.ru", "yandex.ru",
        "yandex.com", "qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "protonmail.com", "proton.me",
        "fastmail.fm", "fastmail.com", "zoho.com", "comcast.net", "verizon.net", "earthlink.net", "free.fr",
        "orange.fr", "wanadoo.fr", "laposte.net", "btinternet.com", "t-online.de", "libero.it", "naver.com",
        "hanmail.net", "rediffmail.com", "mail.com", "pobox.com", "users.sourceforge.net", "sourceforge.net",
    ]

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
        guard let domain = Identity.domain(of: address) else { return nil }
        let reg = registrableDomain(domain)
        if webmail.contains(reg) || webmail.contains(domain) { return nil }
        return reg
    }
}
