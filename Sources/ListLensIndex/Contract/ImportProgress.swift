/// A snapshot of a running import, handed to the caller's progress callback.
public struct ImportProgress: Sendable {
    public var messages: Int
    /// File bytes consumed so far (compressed bytes for gzip) and in all.
    public var bytesDone: Int64
    public var bytesTotal: Int64
    public var seconds: Double
    public var currentFile: String

    public var messagesPerSecond: Double { seconds > 0 ? Double(messages) / seconds : 0 }

    /// Seconds left, from the share of bytes consumed; nil until there is something to go on.
    public var etaSeconds: Double? {
        guard bytesDone > 0, bytesTotal > bytesDone, seconds > 0.5 else { return nil }
        return seconds * Double(bytesTotal - bytesDone) / Double(bytesDone)
    }
}
