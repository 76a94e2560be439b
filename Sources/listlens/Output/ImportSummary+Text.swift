import ListLensIndex
import ListLensText

extension ImportSummary {
    /// One line: `imported 33,245 messages, 32,465 duplicates skipped, 0 quarantined, 4,620 with defects, 248 files, 22.1 s, 2,977 messages/s`;
    /// files an import read before say so: `0 files (248 unchanged, not read again)`, `1 file (1 read on where it grew)`.
    var line: String {
        var read = files.counted("file")
        let notes = [unchangedFiles > 0 ? "\(unchangedFiles.grouped) unchanged, not read again" : nil,
                     resumedFiles > 0 ? "\(resumedFiles.grouped) read on where \(resumedFiles == 1 ? "it" : "they") grew" : nil].compactMap { $0 }
        if !notes.isEmpty { read += " (" + notes.joined(separator: "; ") + ")" }
        return "imported \(imported.counted("message")), \(duplicates.counted("duplicate")) skipped, "
            + (replaced > 0 ? "\(replaced.grouped) replaced, " : "") + "\(quarantined.grouped) quarantined, "
            + "\(withDefects.grouped) with defects, "
            + "\(read), \(Self.tenths(seconds)) s, \(Int(messagesPerSecond.rounded()).grouped) messages/s"
    }

    /// `19.14` → `19.1`.
    static func tenths(_ s: Double) -> String {
        let tenths = Int((s * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}

extension ImportIssue {
    /// `x.txt.gz: file is truncated; messages before that point were read (at byte 4096)`; a zip member as `x.zip!member`.
    var line: String {
        "\(file)\(member.map { "!" + $0 } ?? ""): \(reason)\(offset.map { " (at byte \($0))" } ?? "")"
    }
}
