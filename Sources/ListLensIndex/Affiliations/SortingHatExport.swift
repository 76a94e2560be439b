import Foundation
import ListLensAnalysis

/// SortingHat's JSON export (GrimoireLab's identities database, `sortinghat export`): unique
/// identities (`uidentities`), each with its `identities` (email, name) and `enrollments`
/// (`organization`, `start`, `end`), and `organizations` with their domains. SortingHat writes
/// an open enrollment as starting 1900-01-01 and ending 2100-01-01.
enum SortingHatExport {
    struct File: Decodable {
        var organizations: [String: [Domain]]?
        var uidentities: [String: UniqueIdentity]?
    }
    struct Domain: Decodable {
        var domain: String
    }
    struct UniqueIdentity: Decodable {
        var profile: Profile?
        var identities: [Identity]?
        var enrollments: [Enrollment]?
    }
    struct Profile: Decodable {
        var name: String?
        var email: String?
    }
    struct Identity: Decodable {
        var email: String?
        var name: String?
    }
    struct Enrollment: Decodable {
        var organization: String
        var start: String?
        var end: String?
    }

    static func convert(_ data: Data) throws -> AffiliationFormat.Converted {
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch let error as DecodingError {
            throw AffiliationFormat.ConversionError("not a SortingHat export: \(AffiliationsFile.describe(error))")
        }
        var out = AffiliationFormat.Converted()
        out.affiliations.organizations = (file.organizations ?? [:]).sorted { $0.key < $1.key }.map {
            .init(name: $0.key, domains: $0.value.map { $0.domain.lowercased() })
        }
        for (uuid, u) in (file.uidentities ?? [:]).sorted(by: { $0.key < $1.key }) {
            var emails: [String] = []
            for e in [u.profile?.email] + (u.identities ?? []).map(\.email) {
                guard let e, let a = AffiliationFormat.address(Substring(e)), !emails.contains(a) else { continue }
                emails.append(a)
            }
            guard !emails.isEmpty else {
                out.skipped.append(("uidentities[\(uuid)]", "no email"))
                continue
            }
            let periods = (u.enrollments ?? []).map { e in
                Affiliations.Period(organization: e.organization, from: day(e.start, open: "1900-01-01"), until: day(e.end, open: "2100-01-01"))
            }.sorted { ($0.from ?? "") < ($1.from ?? "") }
            let name = u.profile?.name ?? u.identities?.lazy.compactMap(\.name).first
            out.affiliations.people.append(.init(name: name, emails: emails, affiliations: periods))
        }
        return out
    }

    /// `2015-06-30T00:00:00` as `2015-06-30`; nil for SortingHat's open end (`open`) or no date.
    static func day(_ text: String?, open: String) -> String? {
        guard let text, text.count >= 10 else { return nil }
        let d = String(text.prefix(10))
        return d == open || Affiliations.Period.day(d) == nil ? nil : d
    }
}
