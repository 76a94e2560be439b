import Foundation
import ListLensAnalysis

/// Stackalytics' `default_data.json` (OpenStack's contributor statistics): `users`, each with
/// `emails` and `companies` (`company_name`, `end_date`: the day the affiliation ended, null for
/// the current one, written `2015-Jun-30` or `2015-06-30`), and `companies` with `domains` and
/// `aliases`.
enum StackalyticsData {
    struct File: Decodable {
        var users: [User]?
        var companies: [Company]?
    }
    struct User: Decodable {
        var user_name: String?
        var emails: [String]?
        var companies: [Employment]?
    }
    struct Employment: Decodable {
        var company_name: String
        var end_date: String?
    }
    struct Company: Decodable {
        var company_name: String
        var domains: [String]?
        var aliases: [String]?
    }

    static func convert(_ data: Data) throws -> AffiliationFormat.Converted {
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch let error as DecodingError {
            throw AffiliationFormat.ConversionError("not Stackalytics data: \(AffiliationsFile.describe(error))")
        }
        var out = AffiliationFormat.Converted()
        out.affiliations.organizations = (file.companies ?? []).map {
            .init(name: $0.company_name, domains: ($0.domains ?? []).map { $0.lowercased() }.filter { !$0.isEmpty }, aliases: $0.aliases ?? [])
        }
        for (i, u) in (file.users ?? []).enumerated() {
            let emails = (u.emails ?? []).compactMap { AffiliationFormat.address(Substring($0)) }
            guard !emails.isEmpty else {
                out.skipped.append(("users[\(i)]", "no email"))
                continue
            }
            var lines: [(organization: String, until: String?)] = []
            for c in u.companies ?? [] {
                guard let end = c.end_date, !end.isEmpty else {
                    lines.append((c.company_name, nil))
                    continue
                }
                guard let day = isoDay(end) else {
                    out.skipped.append(("users[\(i)]", "end_date \"\(end)\" is not a date: that affiliation is left out"))
                    continue
                }
                lines.append((c.company_name, day))
            }
            out.affiliations.people.append(.init(name: u.user_name, emails: emails, affiliations: GitdmMaps.periods(lines)))
        }
        return out
    }

    /// `2015-Jun-30` or `2015-06-30` as `2015-06-30`; nil for anything else.
    static func isoDay(_ text: String) -> String? {
        let parts = text.split(separator: "-")
        guard parts.count == 3 else { return nil }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        var month = String(parts[1])
        if let m = months.firstIndex(of: month.lowercased()) { month = (m + 1 < 10 ? "0" : "") + String(m + 1) }
        let day = parts[2].count == 1 ? "0" + parts[2] : String(parts[2])
        let iso = "\(parts[0])-\(month)-\(day)"
        return Affiliations.Period.day(iso) == nil ? nil : iso
    }
}
