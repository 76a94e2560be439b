/// The persons with the most counted messages, in the order `listlens people` lists them, and how
/// many persons there are: the report page's participants chart (``ReportProducing/topPeople(_:limit:)``).
public struct TopPeople: Sendable, Equatable {
    public struct Person: Sendable, Equatable {
        public var personID: Int64
        public var name: String?
        /// The person's first address (its participant key), shown when it has no name.
        public var key: String
        public var messages: Int
        /// The organization most of their counted messages count for, nil when none does.
        public var organization: String?

        public init(personID: Int64, name: String?, key: String, messages: Int, organization: String?) {
            self.personID = personID
            self.name = name
            self.key = key
            self.messages = messages
            self.organization = organization
        }
    }

    /// Persons with counted messages.
    public var persons: Int
    public var top: [Person]

    public init(persons: Int, top: [Person]) {
        self.persons = persons
        self.top = top
    }
}
