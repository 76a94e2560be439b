/// The archive file messages come from; messages inside a zip add their member (`x.zip!messages.mbox`).
struct SourceInfo: Sendable {
    var path: String
    var format: String
    var compressed: Bool
    var size: Int64

    func path(member: String?) -> String { member.map { path + "!" + $0 } ?? path }
}
