import ListLensIndex
import ListLensText

/// The progress line on stderr: count, rate and ETA.
enum ProgressLine {
    static func show(_ p: ImportProgress) {
        var line = "\(p.messages.grouped) messages, \(Int(p.messagesPerSecond.rounded()).grouped)/s"
        if p.bytesTotal > 0 { line += ", \(Int(Double(p.bytesDone) * 100 / Double(p.bytesTotal)))%" }
        if let eta = p.etaSeconds { line += ", ETA \(Int(eta.rounded())) s" }
        Terminal.status(line)
    }
}
