/// Message counts kept by the writer.
struct MessageCounts: Sendable {
    var imported = 0
    var duplicates = 0
    var quarantined = 0
    var withDefects = 0
}
