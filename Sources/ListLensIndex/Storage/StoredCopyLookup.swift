/// The lookups ``Deduplication`` makes, inside the writer's transaction (so a batch sees its own
/// earlier messages).
public protocol StoredCopyLookup {
    /// The first message stored under `messageID` (an imposter never holds an id).
    func holder(ofMessageID messageID: String) throws -> StoredCopy?
    /// Whether the holder `key`, or an imposter kept beside it, has this content key, its own or
    /// one remembered from a copy.
    func idHolderOrImposter(_ key: Int64, hasContentKey contentKey: String) throws -> Bool
    /// A stored message (not an imposter) with this content key, its own or a copy's, if any (the oldest).
    func copy(withContentKey contentKey: String) throws -> StoredCopy?
    /// What ``ContentKey/sameMessage(fromAddress:normalizedSubject:text:fromAddress:normalizedSubject:text:)``
    /// compares of a stored message.
    func comparable(_ key: Int64) throws -> (fromAddress: String?, normalizedSubject: String, text: String)
}
