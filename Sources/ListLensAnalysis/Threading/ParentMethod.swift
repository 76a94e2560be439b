/// How a message's parent was found.
public enum ParentMethod: String, Sendable, Codable {
    /// The message named in `In-Reply-To`.
    case inReplyTo = "in-reply-to"
    /// The last message of `References` that is known.
    case references = "references"
    /// The message whose own text holds the reply's quote (``QuoteParentChooser``).
    case quote = "quote"
    /// The message the reply's attribution line names, by its sender and date (`On Sun, 14 Nov 2010
    /// 19:05 Joe Perches wrote:`), where the quote is too short to be found by its words.
    case attribution = "attribution"
}
