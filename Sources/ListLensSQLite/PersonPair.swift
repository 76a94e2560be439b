/// One person answering another, counted by `peopleReport`.
struct PersonPair: Hashable {
    var from: Int64
    var to: Int64
}
