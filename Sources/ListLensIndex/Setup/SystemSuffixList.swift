import Foundation
import ListLensAnalysis

/// The public suffix list the library analyses with: the system's, read here because Analysis
/// never reads files.
public enum SystemSuffixList {
    /// The list installed at ``PublicSuffixList/systemPath`` (Debian's `publicsuffix`) when it is
    /// there and readable, else libpsl's built-in copy. Read once per process.
    public static let shared: PublicSuffixList = {
        guard let data = FileManager.default.contents(atPath: PublicSuffixList.systemPath),
              let list = try? PublicSuffixList(data: [UInt8](data)) else { return .builtin }
        return list
    }()

    /// An organization resolver over the shared list and the default webmail domains.
    public static var resolver: OrganizationResolver { OrganizationResolver(suffixes: shared) }
}
