/// A store that keeps what each message's MIME parts hold (``MIMEFacts``), for `has:`; messages
/// stored before it did are read again from their archives by ``MIMEFactsPass``.
public protocol MIMEFactsStore: Sendable {
    /// The messages whose facts are not known, by source file, in file order.
    func messagesWithoutMIMEFacts() throws -> [PendingMIMEFacts]
    /// Records each message's facts (``MIMEFacts/rawValue``, or ``MIMEFactsPass/unreadable``).
    func storeMIMEFacts(_ facts: [(key: Int64, facts: Int)]) throws
}
