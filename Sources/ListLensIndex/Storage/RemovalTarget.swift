/// What `listlens remove` takes out of a store.
public enum RemovalTarget: Sendable, Equatable, CustomStringConvertible {
    /// Every message read from this stored source path, or from any source under it when it is a
    /// folder (a zip's members, `x.zip!member`, are under `x.zip`).
    case source(path: String)
    /// The message stored under this Message-ID (without `<>`), and any imposters beside it.
    case messageID(String)

    public var description: String {
        switch self {
        case .source(let path): return path
        case .messageID(let id): return "<\(id)>"
        }
    }
}
