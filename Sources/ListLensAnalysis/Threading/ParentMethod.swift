/// How a message's parent was found.
public enum ParentMethod: String, Sendable, Codable {
    /// The message named in `In-Reply-To`.
    case inReplyTo = "in-reply-to"
    /// The last message of `References` that is known.
    case references = "references"
}
