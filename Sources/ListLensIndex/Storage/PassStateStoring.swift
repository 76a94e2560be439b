/// A store that remembers what each archive-wide pass last saw, so a pass runs only when its
/// input changed.
public protocol PassStateStoring: Sendable {
    /// The state recorded by the last run of the pass named `name`, or nil if it never ran.
    func passState(named name: String) throws -> PassState?
    /// How many messages the store holds and the largest message key: a pass's input watermark.
    func messageWatermark() throws -> PassState.Watermark
}
