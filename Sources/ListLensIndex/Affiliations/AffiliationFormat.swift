import Foundation
import ListLensAnalysis

/// The files communities already keep about who works where, read as they are and turned into
/// ``Affiliations`` (`listlens affiliations import`, docs/affiliations.md).
public enum AffiliationFormat: String, Sendable, CaseIterable {
    /// gitdm's email map (Linux, OpenStack): `address-or-domain Organization [< yyyy-mm-dd]`.
    case gitdmEmailMap = "gitdm-map"
    /// gitdm's aliases: `alias@x canonical@y`, one person's two addresses a line.
    case gitdmAliases = "gitdm-aliases"
    /// A gitdm group file: one address a line, all of one organization (given with --organization).
    case gitdmGroup = "gitdm-group"
    /// Stackalytics' `default_data.json`: users with emails and dated companies; companies with domains.
    case stackalytics
    /// A git `.mailmap`: which addresses are one person's.
    case mailmap
    /// SortingHat's JSON export: unique identities, their identities and dated enrollments.
    case sortinghat
    /// ListLens's own YAML file (another store's), merged as it is.
    case listlens

    /// What a file holds, judged from its text (a file whose lines fit no format is an error).
    public static func detect(_ text: String) -> AffiliationFormat? {
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.first == "{" {
            if text.contains("\"uidentities\"") { return .sortinghat }
            if text.contains("\"users\"") || text.contains("\"companies\"") { return .stackalytics }
            return nil
        }
        var lines = 0, mailmap = 0, aliases = 0, single = 0, maps = 0, yaml = 0
        for raw in text.split(whereSeparator: \.isNewline).prefix(2_000) {
            let line = GitdmMaps.uncommented(raw)
            guard !line.isEmpty else { continue }
            lines += 1
            if line.hasPrefix("organizations:") || line.hasPrefix("people:") || line.hasPrefix("version:") { yaml += 1 }
            if line.contains("<") && line.contains(">") && !line.contains("< ") { mailmap += 1; continue }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if words.count == 1, words[0].contains("@") { single += 1 }
            else if words.count == 2, words[0].contains("@"), words[1].contains("@") { aliases += 1 }
            else if words.count >= 2, words[0].contains("@") || words[0].contains(".") { maps += 1 }
        }
        guard lines > 0 else { return nil }
        if yaml > 0 { return .listlens }
        let best = [(mailmap, AffiliationFormat.mailmap), (aliases, .gitdmAliases), (single, .gitdmGroup), (maps, .gitdmEmailMap)]
            .max { $0.0 < $1.0 }!
        // Most lines must fit: a file of prose is not a map.
        return best.0 * 2 >= lines ? best.1 : nil
    }

    /// What reading a file gave: the affiliations, and the lines (or entries) that could not be
    /// used, each with why.
    public struct Converted: Sendable {
        public var affiliations = Affiliations()
        public var skipped: [(place: String, reason: String)] = []
        public init() {}
    }

    /// Reads `text` in this format. `organization` names the organization of a group file.
    public func convert(_ text: String, organization: String? = nil) throws -> Converted {
        switch self {
        case .gitdmEmailMap: return GitdmMaps.emailMap(text)
        case .gitdmAliases: return GitdmMaps.aliases(text)
        case .gitdmGroup:
            guard let organization, !organization.isEmpty else { throw ConversionError("a gitdm group file lists addresses only: name their organization with --organization") }
            return GitdmMaps.group(text, organization: organization)
        case .stackalytics: return try StackalyticsData.convert(Data(text.utf8))
        case .mailmap: return Mailmap.convert(text)
        case .sortinghat: return try SortingHatExport.convert(Data(text.utf8))
        case .listlens:
            var c = Converted()
            c.affiliations = try AffiliationsFile.parse(Data(text.utf8), path: "the file")
            return c
        }
    }

    public struct ConversionError: Error, CustomStringConvertible, Sendable {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// An address as the files write it, cleaned the way archives are: `<[a@b]>` and `a at b` are
    /// `a@b`; nil for what is no address (a bare CVS user name, `<wdenk>`).
    static func address(_ text: Substring) -> String? {
        var a = text.trimmingCharacters(in: CharacterSet(charactersIn: "<>[] \t\"'"))
        if !a.contains("@"), a.contains(" at ") { a = a.replacingOccurrences(of: " at ", with: "@") }
        a = a.replacingOccurrences(of: " ", with: "")
        guard let at = a.firstIndex(of: "@"), at != a.startIndex, a.index(after: at) != a.endIndex else { return nil }
        return Identity.participantKey(address: a)
    }
}
