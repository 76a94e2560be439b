/// One header field as written: its name and its raw value (folded, undecoded).
public struct HeaderField: Sendable, Equatable {
    public var name: String
    /// `name` lowercased once, for lookups.
    public var lowercasedName: String
    /// The raw value bytes after the colon, line folds included.
    public var rawValue: ArraySlice<UInt8>

    /// The value unfolded (RFC 5322 §2.2.3: CRLF before WSP removed), trimmed, decoded from raw
    /// 8-bit as UTF-8 or windows-1252. RFC 2047 encoded words are left as written.
    public var unfoldedValue: String {
        HeaderBlock.decodeRaw(HeaderBlock.unfold(rawValue)).text
    }
}
