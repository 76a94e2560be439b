/// Domains whose users are individuals, not an organization: webmail, ISPs, mail forwarders
/// (docs/organizations.md lists them). A message from one counts for no organization.
///
/// Compared with both the address's domain and its registrable domain, so `mail.yahoo.com`,
/// `nyc.rr.com` and `morpheus.demon.co.uk` are covered by `yahoo.com`, `rr.com` and `demon.co.uk`.
public enum ConsumerMailDomains {
    /// Webmail providers, by country where they differ.
    public static let webmail: Set<String> = [
        "gmail.com", "googlemail.com",
        "yahoo.com", "yahoo.co.uk", "yahoo.co.in", "yahoo.co.jp", "yahoo.com.au", "yahoo.ca", "yahoo.fr", "yahoo.de",
        "yahoo.es", "yahoo.it", "yahoo.com.br", "yahoo.com.ar", "yahoo.com.mx", "yahoo.com.cn", "yahoo.com.hk",
        "yahoo.com.tw", "yahoo.com.sg", "yahoo.in", "yahoo.se", "yahoo.dk", "yahoo.no", "yahoo.gr", "yahoo.ie",
        "ymail.com", "rocketmail.com",
        "hotmail.com", "hotmail.co.uk", "hotmail.fr", "hotmail.de", "hotmail.it", "hotmail.es", "hotmail.com.br",
        "hotmail.co.jp", "outlook.com", "outlook.fr", "outlook.de", "live.com", "live.co.uk", "live.fr", "live.de",
        "live.nl", "live.ca", "live.com.au", "msn.com", "windowslive.com", "passport.com",
        "aol.com", "aim.com", "cs.com", "netscape.net", "icloud.com", "me.com", "mac.com",
        "gmx.de", "gmx.net", "gmx.com", "gmx.at", "gmx.ch", "gmx.us", "gmx.org", "web.de", "freenet.de", "arcor.de",
        "online.de", "posteo.de", "mailbox.org",
        "mail.ru", "list.ru", "bk.ru", "inbox.ru", "rambler.ru", "yandex.ru", "yandex.com", "ya.ru", "ukr.net", "i.ua",
        "qq.com", "163.com", "126.com", "yeah.net", "sina.com", "sina.cn", "sohu.com", "foxmail.com", "139.com",
        "aliyun.com", "naver.com", "hanmail.net", "daum.net", "nate.com",
        "protonmail.com", "protonmail.ch", "proton.me", "pm.me", "tutanota.com", "tuta.io", "hushmail.com",
        "fastmail.fm", "fastmail.com", "zoho.com", "mail.com", "usa.net", "inbox.com", "excite.com", "lycos.com",
        "rediffmail.com", "rediff.com", "seznam.cz", "centrum.cz", "wp.pl", "o2.pl", "onet.pl", "interia.pl",
        "libero.it", "virgilio.it", "tin.it", "alice.it", "inwind.it", "laposte.net",
    ]

    /// Internet service providers whose customers get addresses.
    public static let isp: Set<String> = [
        // North America
        "comcast.net", "verizon.net", "earthlink.net", "rr.com", "sbcglobal.net", "att.net", "bellsouth.net", "cox.net",
        "charter.net", "optonline.net", "frontier.com", "frontiernet.net", "juno.com", "netzero.net", "netzero.com",
        "mindspring.com", "prodigy.net", "pacbell.net", "swbell.net", "ameritech.net", "snet.net", "flash.net",
        "adelphia.net", "insightbb.com", "mchsi.com", "embarqmail.com", "centurylink.net", "qwest.net", "q.com",
        "windstream.net", "wowway.com", "rcn.com", "speakeasy.net", "pobox.com",
        "rogers.com", "shaw.ca", "sympatico.ca", "videotron.ca", "telus.net", "bell.net", "cogeco.ca",
        // Europe
        "btinternet.com", "btopenworld.com", "ntlworld.com", "virginmedia.com", "blueyonder.co.uk", "talktalk.net",
        "tiscali.co.uk", "sky.com", "demon.co.uk", "freeserve.co.uk", "o2.co.uk", "orange.net",
        "t-online.de", "vodafone.de", "1und1.de", "kabelmail.de",
        "free.fr", "orange.fr", "wanadoo.fr", "sfr.fr", "neuf.fr", "club-internet.fr", "aliceadsl.fr", "numericable.fr",
        "bbox.fr", "noos.fr",
        "tiscali.it", "fastwebnet.it",
        "planet.nl", "home.nl", "xs4all.nl", "ziggo.nl", "chello.nl", "hetnet.nl", "kpnmail.nl", "zonnet.nl", "casema.nl",
        "telia.com", "online.no", "chello.se", "bredband.net", "tele2.se", "comhem.se", "telenet.be", "skynet.be",
        "bluewin.ch", "aon.at", "chello.at",
        // Asia and Oceania
        "bigpond.com", "bigpond.net.au", "optusnet.com.au", "iinet.net.au", "internode.on.net", "ozemail.com.au",
        "tpg.com.au", "westnet.com.au", "xtra.co.nz", "clear.net.nz", "paradise.net.nz", "vsnl.net", "sify.com",
        // Forwarders and shared hosting of individuals
        "users.sourceforge.net", "sourceforge.net", "users.sf.net",
    ]

    /// Both lists: what ``OrganizationResolver/defaultWebmail`` holds.
    public static let all: Set<String> = webmail.union(isp)
}
