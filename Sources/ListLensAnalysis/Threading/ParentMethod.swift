/// How a message's parent was found.
public enum ParentMethod: String, Sendable, Codable {
    /// The message named in `In-Reply-To`.
    case inReplyTo = "in-reply-to"
    /// The last message of `References` that is known.
    case references = "references"
    /// The message whose Outlook `Thread-Index` is the reply's less its last block (``ThreadIndex``),
    /// or less more blocks when the nearer ancestors are not stored.
    case threadIndex = "thread-index"
    /// The message whose own text holds the reply's quote (``QuoteParentChooser``).
    case quote = "quote"
    /// The message the reply's attribution line names, by its sender and date (`On Sun, 14 Nov 2010
    /// 19:05 Joe Perches wrote:`), where the quote is too short to be found by its words.
    case attribution = "attribution"
    /// The latest earlier message of the same Gmail conversation (`X-GM-THRID`), which says who
    /// took part but not who answered whom.
    case gmailThread = "gm-thread"
    /// The latest earlier message of the same list with the same subject, for a subject with a reply
    /// prefix (`Re: x` after `x`): only for lists that ask for it (`import --thread-by-subject`).
    case subject = "subject"
}
