import GRDB
@testable import ListLensSQLite
import ListLensTestSupport

/// A store file migrated up to `migration` only, then filled by `fill`: what an older ListLens left.
func oldStore(in dir: TemporaryDirectory, upTo migration: String, _ fill: (Database) throws -> Void) throws -> String {
    let path = dir.file("old.sqlite")
    let queue = try DatabaseQueue(path: path)
    var migrator = DatabaseMigrator()
    Migrations.register(in: &migrator)
    try migrator.migrate(queue, upTo: migration)
    try queue.write(fill)
    return path
}

/// Applies the migrations after the old store's, up to and including `migration`, and reads the
/// result: what that migration left, before later ones change it.
func migrate<T>(_ path: String, upTo migration: String, _ read: (Database) throws -> T) throws -> T {
    let queue = try DatabaseQueue(path: path)
    var migrator = DatabaseMigrator()
    Migrations.register(in: &migrator)
    try migrator.migrate(queue, upTo: migration)
    return try queue.read(read)
}
