/// Why query text could not be read, and where: `position` counts characters from 0.
public struct QueryParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, without the position: `unclosed quote`.
    public var message: String
    /// Character offset (from 0) of the start of the part that is wrong.
    public var position: Int

    public init(_ message: String, at position: Int) {
        self.message = message
        self.position = position
    }

    /// `unclosed quote at character 7` (characters counted from 1, as people count them).
    public var description: String { "\(message) at character \(position + 1)" }
}
