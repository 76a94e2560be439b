import CLibPSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The public suffix list (publicsuffix.org) as a value: which labels of a domain are registrable.
///
/// Analysis never reads files: the caller hands the list's bytes in (Debian's `publicsuffix`
/// package installs them at ``systemPath``), or takes the copy compiled into libpsl.
///
/// ```swift
/// let list = try PublicSuffixList(data: bytesOfTheFileAtSystemPath)
/// list.registrableDomain("mail.us.ibm.com")   // "ibm.com"
/// ```
public final class PublicSuffixList: @unchecked Sendable {
    // The psl context is immutable after loading and libpsl's lookups only read it, so sharing
    // across threads is safe (hence @unchecked Sendable).
    /// nil only for a libpsl built without its own copy: every domain is then its own registrable domain.
    private let context: OpaquePointer?
    private let owned: Bool

    /// Where the system's list is installed, when it is (libpsl's compiled-in distribution file:
    /// `/usr/share/publicsuffix/public_suffix_list.dafsa` on Debian). A path, not a read.
    public static var systemPath: String { String(cString: psl_dist_filename()) }

    /// The copy compiled into libpsl (older than the system's, but always there).
    public static let builtin = PublicSuffixList(builtin: ())

    /// Reads a list in either of libpsl's formats (the DAFSA binary or the `.dat` text), from memory.
    public init(data: [UInt8]) throws {
        guard !data.isEmpty else { throw LoadError(reason: "empty suffix list") }
        var copy = data
        let loaded: OpaquePointer? = copy.withUnsafeMutableBytes { buffer in
            // fmemopen reads the buffer in place: the list is parsed from memory, no file is opened.
            guard let stream = fmemopen(buffer.baseAddress, buffer.count, "r") else { return nil }
            defer { fclose(stream) }
            return psl_load_fp(stream)
        }
        guard let loaded else { throw LoadError(reason: "not a public suffix list") }
        context = loaded
        owned = true
    }

    private init(builtin: Void) {
        context = psl_builtin()
        owned = false
    }

    deinit { if owned, let context { psl_free(context) } }

    /// The registrable domain of `domain` (`mail.us.ibm.com` → `ibm.com`), or the domain itself when
    /// the list does not know it. `domain` must be lowercase.
    public func registrableDomain(_ domain: String) -> String {
        guard let context else { return domain }
        // libpsl returns a pointer into the string it was given: read it while that buffer lives.
        return domain.withCString { p in psl_registrable_domain(context, p).map { String(cString: $0) } } ?? domain
    }

    /// Why bytes could not be read as a suffix list.
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }
}
