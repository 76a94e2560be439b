extension MessageParser {
    /// What the message's MIME parts hold, from its headers and MIME tree alone (no text decoded),
    /// under the same limits as ``parse(_:)``.
    public func mimeFacts(_ raw: RawMessage) -> MIMEFacts {
        var defects: [MailDefect] = []
        let bytes = raw.bytes
        let (headers, bodyStart) = HeaderBlock.parse(bytes[...], limits: headerLimits, defects: &defects)
        return MIMEFacts(MIMETree.build(bytes: bytes, headers: headers, body: bodyStart..<bytes.count, limits: mimeLimits, defects: &defects))
    }
}
