import Foundation
import ListLensAnalysis
import Yams

/// The affiliations file on disk (YAML, docs/affiliations.md): read, checked, written back, and
/// applied to a store.
///
/// A missing file is an empty one: every figure then comes from the mail alone. A file that cannot
/// be used is an error naming the file and the place (a YAML line and column, or an entry).
///
/// ```swift
/// var file = try AffiliationsFile.load(path: "listlens.affiliations.yaml")
/// file.affiliations.setAffiliation(of: "andrew@aj.id.au", to: "IBM", until: "2022-05-01")
/// try file.save()
/// _ = try file.apply(to: store, always: false)   // before a report
/// ```
public struct AffiliationsFile: Sendable {
    /// Where it is read from and written to.
    public var path: String
    public var affiliations: Affiliations
    /// What the file held when it was read (nil: there was none).
    public private(set) var bytes: [UInt8]?

    /// A file larger than this is refused, not read: an affiliations file of a very large community
    /// (Stackalytics' default data) is a few MB.
    public static let maxBytes = 64 << 20

    public init(path: String, affiliations: Affiliations = Affiliations()) {
        self.path = path
        self.affiliations = affiliations
        bytes = nil
    }

    /// The affiliations file beside a database: `listlens.sqlite` → `listlens.affiliations.yaml`.
    public static func defaultPath(forDatabase database: String) -> String {
        let url = URL(fileURLWithPath: database)
        let stem = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent(stem + ".affiliations.yaml").relativePath
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Reads the file at `path`; no file gives an empty one.
    public static func load(path: String) throws -> AffiliationsFile {
        var file = AffiliationsFile(path: path)
        guard FileManager.default.fileExists(atPath: path) else { return file }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attributes[.size] as? Int, size <= maxBytes else {
            throw Failure(path: path, reason: "larger than \(maxBytes >> 20) MB, or unreadable")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure(path: path, reason: "cannot be read") }
        file.bytes = [UInt8](data)
        file.affiliations = try parse(data, path: path)
        return file
    }

    /// The affiliations a YAML text holds, checked (``Affiliations/problems``).
    public static func parse(_ data: Data, path: String) throws -> Affiliations {
        guard let text = String(data: data, encoding: .utf8) else { throw Failure(path: path, reason: "not UTF-8 text") }
        let affiliations: Affiliations
        do {
            if text.allSatisfy({ $0.isWhitespace }) { return Affiliations() }
            affiliations = try YAMLDecoder().decode(Affiliations.self, from: text)
        } catch let error as YamlError {
            throw Failure(path: path, reason: Self.describe(error))
        } catch let error as DecodingError {
            throw Failure(path: path, reason: Self.describe(error))
        }
        let problems = affiliations.problems
        guard problems.isEmpty else { throw Failure(path: path, reason: problems.joined(separator: "; ")) }
        return affiliations
    }

    /// The file's text as ``save()`` writes it.
    public func yaml() throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.allowUnicode = true
        return "# ListLens affiliations file: docs/affiliations.md says what each entry means.\n" + (try encoder.encode(affiliations))
    }

    /// Writes the file (atomically: a reader sees the old file or the new one).
    public mutating func save() throws {
        let data = Data(try yaml().utf8)
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw Failure(path: path, reason: "cannot be written (\(error.localizedDescription))")
        }
        bytes = [UInt8](data)
    }

    /// What the organization pass records as applied for this file.
    public var digest: String { AffiliationPass.digest(ofFile: bytes) }

    /// What applying the file did.
    public struct Applied: Sendable, Equatable {
        public var identities: IdentityPass.Report
        public var organizations: AffiliationPass.Report
    }

    /// Joins persons and credits organizations as the file says: always (after an import or a
    /// removal), or only when the store last applied a different file (before a report). Returns
    /// nil when nothing needed doing.
    public func apply(to store: some ParticipantStore & OrganizationStore, always: Bool) throws -> Applied? {
        if !always, try store.appliedAffiliationsDigest() == digest { return nil }
        let identities = try IdentityPass.run(on: store, affiliations: affiliations)
        let resolver = AffiliationResolver(affiliations, organizations: SystemSuffixList.resolver)
        let organizations = try AffiliationPass.run(on: store, resolver: resolver, digest: digest)
        return Applied(identities: identities, organizations: organizations)
    }

    /// The organization a name on the command line means: the file's organization by its name, an
    /// alias or a domain (`ibm.com` → `IBM`), else the name lowercased (`ibm.com`).
    public func organizationName(_ text: String) -> String {
        AffiliationResolver(affiliations, organizations: SystemSuffixList.resolver).canonicalOrganization(text)
    }

    /// Whether the store has applied this file as it is now.
    public func isApplied(in store: some OrganizationStore) throws -> Bool {
        try store.appliedAffiliationsDigest() == digest
    }

    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            return "line \(mark.line), column \(mark.column): \(problem)" + (context.map { " (\($0.text))" } ?? "")
        default:
            return "not YAML: \(error)"
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func at(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "at the top" : path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .dataCorrupted(let c) where c.underlyingError is YamlError:
            return describe(c.underlyingError as! YamlError)
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            return "\(at(c.codingPath)): \(c.debugDescription)"
        case .keyNotFound(let key, let c):
            return "\(at(c.codingPath)): \(key.stringValue) is missing"
        @unknown default:
            return "\(error)"
        }
    }
}
