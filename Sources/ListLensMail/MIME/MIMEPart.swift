/// One node of a message's MIME tree. The tree is stored flat: `parts[0]` is the message itself.
public struct MIMEPart: Sendable {
    public var contentType: ContentType
    /// `7bit`, `8bit`, `binary`, `quoted-printable` or `base64`, lowercased.
    public var transferEncoding: String
    /// `inline` or `attachment`, lowercased, when a Content-Disposition was given.
    public var disposition: String?
    public var filename: String?
    /// Nesting depth: 0 for the message itself.
    public var depth: Int
    /// Byte range of this part's body inside the message bytes.
    public var body: Range<Int>
    /// Indices of the child parts in ``MIMETree/parts``, in order.
    public var children: [Int] = []
}
