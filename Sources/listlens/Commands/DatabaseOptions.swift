import ArgumentParser
import Foundation
import ListLensAnalysis
import ListLensIndex
import ListLensSQLite

/// `--db PATH`, shared by every command. The CLI reads the environment; the library never does.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file.", discussion: "Default: $LISTLENS_DB, else ./listlens.sqlite.", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("The affiliations file (YAML, docs/affiliations.md).",
                                            discussion: "Default: $LISTLENS_AFFILIATIONS, else the database's name with .affiliations.yaml (listlens.affiliations.yaml beside listlens.sqlite); none there means none.",
                                            valueName: "path"))
    var affiliations: String?

    var path: String { db ?? ProcessInfo.processInfo.environment["LISTLENS_DB"] ?? "listlens.sqlite" }

    var affiliationsPath: String {
        affiliations ?? ProcessInfo.processInfo.environment["LISTLENS_AFFILIATIONS"] ?? AffiliationsFile.defaultPath(forDatabase: path)
    }

    /// The affiliations file, read and checked; a file that cannot be used is a clear error.
    func affiliationsFile() throws -> AffiliationsFile {
        do { return try AffiliationsFile.load(path: affiliationsPath) } catch {
            throw CLIError("\(error)")
        }
    }

    /// The one person `text` names in `store` (an address, a person id or a full name), nil when
    /// none does; a name several people go by is an error listing them.
    func person(_ text: String, in store: SQLiteStore) throws -> PersonExplanation? {
        let found = try store.explainPerson(text)
        if found.count > 1 {
            let listed = found.prefix(5).map { "\($0.name ?? "?") (person \($0.personID))" }.joined(separator: ", ")
            throw CLIError("\(text): \(found.count) people go by it (\(listed)); give an address or a person id")
        }
        return found.first
    }

    /// The addresses of a person named on the command line: an address as it is, or a person id or
    /// full name the database knows, with all their addresses.
    func addresses(of person: String) throws -> (addresses: [String], name: String?) {
        if FileManager.default.fileExists(atPath: path), let one = try self.person(person, in: try openExisting()) {
            return (one.addresses.map(\.address), one.name)
        }
        guard person.contains("@") else { throw CLIError("\(person): no such person in \(path); give an address") }
        return ([Identity.participantKey(address: person.trimmingCharacters(in: CharacterSet(charactersIn: "<> ")))], nil)
    }

    /// The store for a report, with the affiliations file applied when it changed since the store
    /// last applied it (so an edit needs no re-import), and its report tables brought up to date.
    /// A store the user may not write is read as it is (reports then compute what is stale), with
    /// a warning when its figures predate the file.
    func openForReport() throws -> SQLiteStore {
        let store = try openExisting()
        let file = try affiliationsFile()
        let applied = try file.isApplied(in: store)
        let current = try store.reportTablesAreCurrent()
        guard !applied || !current else { return store }
        guard FileManager.default.isWritableFile(atPath: path) else {
            if !applied {
                Terminal.err("listlens: warning: \(path) is read-only, so \(file.path) as it is now is not applied: figures follow the file as last applied")
            }
            return store
        }
        let writable = try open()
        if let applied = try file.apply(to: writable, always: false) {
            Terminal.err("listlens: applied \(file.path): \(applied.organizations.messages.counted("message")) now count for another organization")
        }
        try writable.refreshReportTables()
        return try openExisting()
    }

    /// Opens the database for writing (created if needed), turning failures into a clean message and exit code.
    func open() throws -> SQLiteStore {
        do { return try SQLiteStore(path: path) } catch {
            throw CLIError("\(error)")
        }
    }

    /// Opens an existing database for writing, for commands that change what is stored but must
    /// not create an empty database when the path is wrong.
    func openExistingForWriting() throws -> SQLiteStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError("\(path): no such database (pass --db, or set LISTLENS_DB)")
        }
        return try open()
    }

    /// Opens an existing database read-only, for commands that only read: they work on a file or
    /// in a folder the user may only read, and never migrate. A missing file is a clear error.
    func openExisting() throws -> SQLiteStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError("\(path): no such database; run `listlens import ARCHIVE…` first (or pass --db)")
        }
        do {
            let store = try SQLiteStore(path: path, access: .readOnly)
            guard try store.isOutdated() else { return store }
            // Written by an older ListLens: brought up to date once, where the user may write it.
            guard FileManager.default.isWritableFile(atPath: path) else {
                throw CLIError("\(path) was written by an older ListLens and cannot be updated here (read-only); copy it where you may write and run this command on the copy")
            }
            _ = try SQLiteStore(path: path)
            return try SQLiteStore(path: path, access: .readOnly)
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError("\(error)")
        }
    }
}
