import ListLensAnalysis

extension ExportedMessage.Attribution {
    /// The contract's form of what a body's attribution says.
    public init(_ a: ListLensAnalysis.Attribution) {
        self.init(form: a.form.rawValue, from: a.from, name: a.name, address: a.address, date: a.date, subject: a.subject,
                  messageID: a.messageID)
    }
}
