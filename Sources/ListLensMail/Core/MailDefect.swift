/// Something malformed in a message that ListLens worked around. Never a reason to drop it.
///
/// One flat catalogue, in the spirit of Python's `email.errors`: each case says what was wrong
/// and the message keeps what could be read. `listlens inspect` shows them; the import counts them.
public enum MailDefect: String, Sendable, Codable, CaseIterable, Hashable {
    /// No empty line ended the header block; the first line that was not a header starts the body.
    case missingHeaderBodySeparator = "missing-header-body-separator"
    /// The first header line began with whitespace (a continuation with nothing to continue).
    case firstHeaderLineIsContinuation = "first-header-line-is-continuation"
    /// A header field was longer than ``HeaderLimits/maxFieldBytes`` and was cut.
    case headerFieldTooLong = "header-field-too-long"
    /// More header fields than ``HeaderLimits/maxFields``; the rest were ignored.
    case tooManyHeaderFields = "too-many-header-fields"
    /// Header bytes were not ASCII (raw 8-bit text); they were decoded as UTF-8 or windows-1252.
    case nonASCIIHeader = "non-ascii-header"
    /// An RFC 2047 encoded word could not be decoded and was kept as written.
    case invalidEncodedWord = "invalid-encoded-word"
    /// No Message-ID: a stable synthetic one was made from the content hash.
    case missingMessageID = "missing-message-id"
    /// The Message-ID was malformed: repaired when the id was still clear (no brackets, an unclosed
    /// bracket, spaces inside), else replaced by a synthetic one (empty, too long, no `@`).
    case invalidMessageID = "invalid-message-id"
    /// A different message already stored has this Message-ID (public-inbox calls it an imposter:
    /// one mail sent to five bug addresses, each copy with its own subject). Both are kept; replies
    /// to the id thread under the first one stored. Found by the store, not the parser.
    case reusedMessageID = "reused-message-id"
    /// A header RFC 5322 §3.6 allows once appeared again (notmuch broken/broken-cc); To and Cc are merged.
    case duplicateHeader = "duplicate-header"
    /// In-Reply-To or References held an id that never closes (`<id@host` with no `>`), or one longer
    /// than ``HeaderLimits/maxMessageIDLength``: it was not used.
    case invalidReferences = "invalid-references"
    /// No From header, or none with an address in it.
    case missingFrom = "missing-from"
    /// An address was written in an archive's obfuscated form (`user at host.tld`) and was restored.
    case obfuscatedAddress = "obfuscated-address"
    /// No Date header: the date was taken from the mbox separator line, else the earliest Received header.
    case missingDate = "missing-date"
    /// The Date header could not be read: the date was taken from the mbox separator line, else the earliest Received header.
    case invalidDate = "invalid-date"
    /// The Date header had an impossible zone offset (`+50579034`): the date was taken from the mbox separator line.
    case invalidTimezoneOffset = "invalid-timezone-offset"
    /// The Date header named a zone ListLens does not know; it was read as UTC.
    case unknownTimezone = "unknown-timezone"
    /// A multipart boundary parameter was missing; the part was read as one text part.
    case missingBoundary = "missing-boundary"
    /// The start boundary of a multipart was never found; its content was read as one part.
    case startBoundaryNotFound = "start-boundary-not-found"
    /// The closing boundary of a multipart was never found; parts ran to the end.
    case closeBoundaryNotFound = "close-boundary-not-found"
    /// MIME nesting went deeper than ``MIMELimits/maxDepth``; deeper parts were not opened.
    case mimeTooDeep = "mime-too-deep"
    /// More MIME parts than ``MIMELimits/maxParts``; the rest were not read.
    case tooManyParts = "too-many-parts"
    /// Base64 data with bad padding or stray characters; what could be decoded was kept.
    case invalidBase64 = "invalid-base64"
    /// An unknown Content-Transfer-Encoding; the part was read as 8bit.
    case unknownTransferEncoding = "unknown-transfer-encoding"
    /// The declared charset is unknown; the text was decoded by detection (UTF-8, else windows-1252).
    case unknownCharset = "unknown-charset"
    /// The bytes do not fit the declared charset; the text was decoded by detection.
    case charsetMismatch = "charset-mismatch"
    /// Non-ASCII text with no declared charset; decoded by detection (UTF-8, else windows-1252).
    case undeclaredCharset = "undeclared-charset"
    /// Some bytes could not be decoded in the charset and became U+FFFD.
    case undecodableBytes = "undecodable-bytes"
    /// A message/rfc822 part with no message in it (notmuch broken/empty-part).
    case emptyEmbeddedMessage = "empty-embedded-message"
    /// The message has no text part a reader would see.
    case noTextPart = "no-text-part"
    /// HTML could not be parsed at all; its text is empty.
    case unparsableHTML = "unparsable-html"
    /// HTML longer than ``HTMLLimits/maxInputBytes`` was cut there before conversion: the text ends early.
    case htmlTooLarge = "html-too-large"
    /// The file was a bare HTML body with no headers at all (a mail body saved from a web archive):
    /// sender, date and subject are unknown unless `listlens import --from/--date/--subject` give them.
    case noHeaders = "no-headers"
    /// A line had more `>` prefixes than the quote segmenter reads (64): the rest stay in its text.
    case quoteTooDeep = "quote-too-deep"
    /// A `Thread-Index` that is not base64 of 22 + 5n bytes, or longer than ``ThreadIndex/maxChildren``
    /// replies: its whole blocks are read, a value under 22 bytes is ignored.
    case invalidThreadIndex = "invalid-thread-index"

    /// False for the routine transformations of an archive (pipermail writes every address as
    /// `user at host`): the import summary's "with defects" count leaves those out.
    public var isMalformation: Bool { self != .obfuscatedAddress }
}
