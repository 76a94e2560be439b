import ListLensText

/// Senders that are not people: list addresses, no-reply and mail-system addresses, bug trackers,
/// CI and code-review systems, bots. Their messages are left out of people and organization counts
/// unless a report asks for them (twisted-python's Trac alone sent 352 messages that were counted
/// as one of the list's busiest people).
///
/// The rules read the address's local part and the display name, in ASCII lowercase, by whole
/// words and fixed affixes: never a substring of a name or a domain, so `ralf@brainbot.com`,
/// `laurens@daemon.be`, `tracy@…` and `Talbot` stay people. docs/participants.md lists them.
/// Pure: values in, a reason out.
public enum AutomatedSender {
    /// Why a sender is not a person. The raw value is what the store and the docs name.
    public enum Reason: String, Sendable, CaseIterable, Codable {
        /// The list's own address (`twisted-python@…` on the list twisted-python) with no person's
        /// name on it, or its `-request`, `-owner` or `-bounces` address, or a list manager's (`mailman@`).
        case listAddress = "list-address"
        /// `noreply@`, `no-reply@`, `do-not-reply@` and their forms.
        case noReply = "no-reply"
        /// `mailer-daemon@`, `postmaster@`, bounce addresses, `Mail Delivery System`.
        case mailSystem = "mail-system"
        /// Trac, Bugzilla, Jira, Redmine, Launchpad's bug mail, GitHub's notifications.
        case tracker
        /// Jenkins, Buildbot, Zuul, Travis CI, the kernel test robot.
        case ci
        /// Gerrit, Patchwork, Phabricator.
        case review
        /// A local part or name that calls itself a bot (`dependabot[bot]`, `release-bot@`).
        case bot
    }

    static let localParts: [String: Reason] = {
        var rules: [String: Reason] = [:]
        for p in ["noreply", "no-reply", "no_reply", "no.reply", "donotreply", "do-not-reply", "do_not_reply", "noreplies",
                  "dontreply", "dont-reply"] { rules[p] = .noReply }
        for p in ["mailer-daemon", "mailerdaemon", "mail-daemon", "maildaemon", "postmaster", "bounce", "bounces",
                  "mdaemon", "mailer"] { rules[p] = .mailSystem }
        for p in ["trac", "bugzilla", "bugzilla-daemon", "jira", "redmine", "mantis", "roundup", "tracker", "bugs",
                  "notifications", "issues", "gitlab", "github"] { rules[p] = .tracker }
        for p in ["jenkins", "buildbot", "hudson", "travis-ci", "zuul", "ci", "autobuilder", "buildmaster",
                  "tinderbox", "kernelci", "lkp", "build-bot", "buildbot-noreply", "cron", "nagios"] { rules[p] = .ci }
        for p in ["gerrit", "patchwork", "phabricator", "review", "gerrit-review", "reviewboard"] { rules[p] = .review }
        for p in ["mailman", "majordomo", "listserv", "listmaster", "sympa", "ecartis", "lyris"] { rules[p] = .listAddress }
        for p in ["bot", "robot"] { rules[p] = .bot }
        return rules
    }()

    /// Prefixes of local parts: `noreply-12345@`, `bounces+user=x@`.
    static let localPrefixes: [(String, Reason)] = [
        ("noreply", .noReply), ("no-reply", .noReply), ("donotreply", .noReply), ("do-not-reply", .noReply),
        ("bounce-", .mailSystem), ("bounces-", .mailSystem), ("bounces+", .mailSystem), ("mailer-daemon", .mailSystem),
    ]

    /// Suffixes of local parts, after a separator: `release-bot@`, `owner-bounces@`.
    static let localSuffixes: [(String, Reason)] = [
        ("-bot", .bot), ("_bot", .bot), (".bot", .bot), ("[bot]", .bot), ("-robot", .bot),
        ("-bounces", .mailSystem), ("-noreply", .noReply), ("-no-reply", .noReply),
        ("-daemon", .mailSystem),
    ]

    /// Display names that are systems, whole: `Mail Delivery System`, `Jenkins`, `Gerrit Code Review`.
    static let names: [String: Reason] = [
        "mail delivery system": .mailSystem, "mail delivery subsystem": .mailSystem, "mailer-daemon": .mailSystem,
        "mail administrator": .mailSystem, "postmaster": .mailSystem,
        "jenkins": .ci, "buildbot": .ci, "zuul": .ci, "travis ci": .ci, "kernel test robot": .ci,
        "gerrit code review": .review, "patchwork": .review, "trac": .tracker, "bugzilla": .tracker,
        "github": .tracker, "gitlab": .tracker, "dependabot": .bot, "renovate": .bot,
    ]

    /// Domains whose every sender is a system: Launchpad's bug mail, GitHub's notifications.
    static let domains: [String: Reason] = [
        "bugs.launchpad.net": .tracker, "noreply.github.com": .tracker, "reply.github.com": .tracker,
        "bugzilla.kernel.org": .tracker, "bugzilla.redhat.com": .tracker,
    ]

    /// Why the sender `address` (with display name `name`) is not a person; nil for a person.
    /// `lists` are the names of the store's lists (`twisted-python`): an address whose local part
    /// is one of them with `-request`, `-owner`, `-bounces` or `-admin` (or `owner-` before it) is that list's; one whose local part
    /// is one of them is, unless a person's name is on it. Archives show a list's address with a
    /// person's name where the list rewrote the sender's From (DMARC), and people give lists
    /// addresses of their own (`twisted-python@2xlp.com`, Jonathan Vanasco's): both are people.
    public static func reason(address: String, name: String?, lists: Set<String> = []) -> Reason? {
        guard let at = address.utf8.lastIndex(of: UInt8(ascii: "@")) else { return nil }
        var local = asciiLowercased(address[..<at])
        let domain = asciiLowercased(address[address.index(after: at)...])
        // A `+tag` is the address's, not the sender's: `jenkins+build@` is jenkins.
        if let plus = local.firstIndex(of: "+"), !local.hasPrefix("bounces+") { local = String(local[..<plus]) }
        guard !local.isEmpty else { return nil }
        if isListAddress(local, name: name, lists: lists) { return .listAddress }
        if let r = localParts[local] { return r }
        for (p, r) in localPrefixes where local.hasPrefix(p) { return r }
        for (s, r) in localSuffixes where local.count > s.count && local.hasSuffix(s) { return r }
        if let r = domains[domain] { return r }
        if let name, let r = reason(name: name) { return r }
        return nil
    }

    static func isListAddress(_ local: String, name: String?, lists: Set<String>) -> Bool {
        if lists.contains(local) {
            // No name, or one naming the list itself (`Twisted-Python`, `twisted-python mailing list`).
            guard let name, !name.allSatisfy({ $0 == " " || $0 == "\"" || $0 == "'" }) else { return true }
            let n = String(asciiLowercased(name[...]).map { $0 == " " || $0 == "_" ? "-" : $0 })
            return n.contains(local) && !n.contains("-via-")
        }
        for s in ["-request", "-owner", "-bounces", "-admin"] where local.hasSuffix(s) {
            if lists.contains(String(local.dropLast(s.count))) { return true }
        }
        if local.hasPrefix("owner-"), lists.contains(String(local.dropFirst(6))) { return true }
        return false
    }

    /// By the display name alone: one of ``names``, or a name ending in `[bot]` or ` bot`.
    static func reason(name: String) -> Reason? {
        var n = asciiLowercased(name[...])
        n = String(n.drop { $0 == " " || $0 == "\"" || $0 == "'" })
        while let l = n.last, l == " " || l == "\"" || l == "'" { n.removeLast() }
        if let r = names[n] { return r }
        if n.hasSuffix("[bot]") || n.hasSuffix(" bot") || n.hasSuffix(" robot") { return .bot }
        // `Jenkins (builds)`, `Trac (twisted)`: a system's name with a note after it.
        if let paren = n.firstIndex(of: "("), let r = names[String(n[..<paren]).trimmingCharacters(in: " ")] { return r }
        return nil
    }

    /// ASCII letters lowercased, everything else kept: addresses and system names are ASCII.
    static func asciiLowercased(_ s: Substring) -> String {
        String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
