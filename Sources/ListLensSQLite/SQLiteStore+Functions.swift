import CListLensFTS
import GRDB
import GRDBSQLite
import ListLensAnalysis
import ListLensIndex

extension SQLiteStore {
    /// What every connection needs before it reads or writes the search index: the function
    /// `listlens_fold` and the FTS5 tokenizer `listlens`.
    static func prepareSearch(_ db: Database) throws {
        let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS
        var code = sqlite3_create_function_v2(db.sqliteConnection, "listlens_fold", 1, flags, nil, foldFunction, nil, nil, nil)
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot add listlens_fold") }
        code = listlens_fts_register(db.sqliteConnection)
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot add the listlens tokenizer") }
    }
}

private typealias SQLFunction = @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void

/// `listlens_fold(text)`: the text lower case and without diacritics (``StringProtocol/folded``),
/// `''` for NULL, so searches compare names and addresses as people write them (`from:herve`
/// finds `HERVÉ`). A search may fold every sender of a million messages: ASCII text is lowered
/// here, byte by byte, without making a Swift string.
private let foldFunction: SQLFunction = { context, _, values in
    let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    guard let value = values?[0], sqlite3_value_type(value) != SQLITE_NULL, let text = sqlite3_value_text(value) else {
        sqlite3_result_text(context, "", 0, transient)
        return
    }
    let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_value_bytes(value)))
    if !bytes.contains(where: { $0 >= 0x80 }) {
        guard let out = sqlite3_malloc64(UInt64(max(bytes.count, 1)))?.assumingMemoryBound(to: UInt8.self) else {
            sqlite3_result_error_nomem(context)
            return
        }
        for (i, b) in bytes.enumerated() { out[i] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        sqlite3_result_text(context, UnsafeRawPointer(out).assumingMemoryBound(to: CChar.self), Int32(bytes.count), sqlite3_free)
        return
    }
    let folded = String(decoding: bytes, as: UTF8.self).folded
    folded.withCString { sqlite3_result_text(context, $0, -1, transient) }
}
