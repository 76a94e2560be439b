/// Named limits on HTML archive pages (pipermail, hypermail, MHonArc) and their indexes.
public enum HTMLArchiveLimits {
    /// Largest page read (bytes); hypermail's thread index of 10,699 messages is 2.2 MB.
    public static let maxPageBytes = 16 << 20
    /// Most entries read from one index page.
    public static let maxIndexEntries = 200_000
    /// Most scrubbed attachments reunited with one message.
    public static let maxAttachments = 32
    /// Thread indexes kept in memory while importing (one per month folder being read).
    public static let maxCachedThreadIndexes = 4
    /// Most `X-Reference` ids read from one MHonArc page (a References header rarely lists more than 30).
    public static let maxReferences = 256
    /// Longest header value rebuilt from a page's fields (a subject, a sender); longer ones are cut.
    public static let maxFieldBytes = 8192
}
