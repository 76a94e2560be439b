import ArgumentParser
import Foundation
import ListLensIndex
import ListLensSQLite

/// `--db PATH`, shared by every command. The CLI reads the environment; the library never does.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file.", discussion: "Default: $LISTLENS_DB, else ./listlens.sqlite.", valueName: "path"))
    var db: String?

    var path: String { db ?? ProcessInfo.processInfo.environment["LISTLENS_DB"] ?? "listlens.sqlite" }

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
