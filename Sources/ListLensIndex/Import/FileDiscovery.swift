import ListLensMail
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Expands the paths given to `import` into archive files, in a stable order.
///
/// An HTML index page given by name brings in the message pages it links to (in its order).
///
/// Directories are walked with a work list (no recursion), skipping hidden entries; symlinks to
/// files are followed once per target, so pipermail's `index.html` → `thread.html` is not read twice.
enum FileDiscovery {
    /// Deepest directory nesting walked.
    static let maxDepth = 32

    /// A file to read: named on the command line (`explicit`), or met in a folder or index page
    /// named there (`root`, the path as given).
    struct Entry { var path: String; var explicit: Bool; var root: String? = nil }

    /// A folder or index page given by name, and whether it held or linked at least one file
    /// (read through it or through another path).
    struct Container { var path: String; var isFolder: Bool; var hasFiles: Bool }

    /// - Returns: the files in order, the paths that do not exist, and the folders and index pages given.
    static func expand(_ paths: [String]) -> (files: [Entry], missing: [String], containers: [Container]) {
        var files: [Entry] = []
        var missing: [String] = []
        var seenTargets = Set<String>()
        var containers: [Container] = []
        for path in paths {
            var st = stat()
            guard stat(path, &st) == 0 else { missing.append(path); continue }
            if (st.st_mode & S_IFMT) != S_IFDIR {
                if seenTargets.insert(realPath(path)).inserted { files.append(Entry(path: path, explicit: true)) }
                // An index page given by name (pipermail's thread.html, a hypermail or MHonArc index):
                // its message pages are what the user means.
                if path.hasSuffix(".html") || path.hasSuffix(".htm"), let pages = HTMLArchive.linkedPages(ofIndexAt: path) {
                    var container = Container(path: path, isFolder: false, hasFiles: false)
                    for page in pages {
                        var s = stat()
                        guard stat(page, &s) == 0, (s.st_mode & S_IFMT) == S_IFREG else { continue }
                        container.hasFiles = true
                        if seenTargets.insert(realPath(page)).inserted { files.append(Entry(path: page, explicit: false, root: path)) }
                    }
                    containers.append(container)
                }
                continue
            }
            var container = Container(path: path, isFolder: true, hasFiles: false)
            defer { containers.append(container) }
            var work: [(String, Int)] = [(path, 0)]
            while let (dir, depth) = work.popLast() {
                guard depth <= maxDepth, let d = opendir(dir) else { continue }
                var names: [String] = []
                while let e = readdir(d) {
                    let name = withUnsafePointer(to: e.pointee.d_name) { p in
                        p.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                    }
                    if !name.hasPrefix(".") { names.append(name) }
                }
                closedir(d)
                var subdirs: [String] = []
                for name in names.sorted() {
                    let full = dir.hasSuffix("/") ? dir + name : dir + "/" + name
                    var s = stat()
                    guard stat(full, &s) == 0 else { continue }
                    if (s.st_mode & S_IFMT) == S_IFDIR { subdirs.append(full) }
                    else if (s.st_mode & S_IFMT) == S_IFREG {
                        container.hasFiles = true
                        if seenTargets.insert(realPath(full)).inserted { files.append(Entry(path: full, explicit: false, root: path)) }
                    }
                }
                for s in subdirs.reversed() { work.append((s, depth + 1)) }
            }
        }
        return (files, missing, containers)
    }

    /// Splits `files` into those to read and compressed twins to leave out: `2013-July.txt.gz` when
    /// `2013-July.txt` is also given with the same content (pipermail publishes every month both ways).
    /// Same content means the gzip trailer's size matches and the first 64 KiB are equal.
    static func withoutCompressedTwins(_ files: [Entry]) -> (keep: [Entry], twins: [(twin: String, of: String)]) {
        let byPath = Set(files.map(\.path))
        var keep: [Entry] = []
        var twins: [(String, String)] = []
        for f in files {
            if f.path.hasSuffix(".gz"), byPath.contains(String(f.path.dropLast(3))), sameContent(gz: f.path, plain: String(f.path.dropLast(3))) {
                twins.append((f.path, String(f.path.dropLast(3))))
            } else {
                keep.append(f)
            }
        }
        return (keep, twins)
    }

    private static func sameContent(gz: String, plain: String) -> Bool {
        var st = stat()
        guard stat(plain, &st) == 0, let trailer = readBytes(gz, fromEnd: 4), trailer.count == 4 else { return false }
        // ISIZE: the uncompressed size modulo 2^32, little-endian (RFC 1952 §2.3.1).
        let isize = UInt32(trailer[0]) | UInt32(trailer[1]) << 8 | UInt32(trailer[2]) << 16 | UInt32(trailer[3]) << 24
        guard isize == UInt32(truncatingIfNeeded: st.st_size) else { return false }
        guard let a = try? ArchiveReader.head(path: gz, compression: .gzip, count: 65_536),
              let b = try? ArchiveReader.head(path: plain, compression: .none, count: 65_536) else { return false }
        return a == b
    }

    private static func readBytes(_ path: String, fromEnd count: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard lseek(fd, -off_t(count), SEEK_END) >= 0 else { return nil }
        var out = [UInt8](repeating: 0, count: count)
        let n = out.withUnsafeMutableBytes { read(fd, $0.baseAddress, count) }
        return n == count ? out : nil
    }

    static func realPath(_ path: String) -> String {
        guard let r = realpath(path, nil) else { return path }
        defer { free(r) }
        return String(cString: r)
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    /// The path as the importer stores it: resolved when it exists, else made absolute from the
    /// current folder (a file removed from disk is still named by where it was).
    static func storedPath(_ path: String) -> String {
        if exists(path) || path.hasPrefix("/") { return realPath(path) }
        guard let cwd = getcwd(nil, 0) else { return path }
        defer { free(cwd) }
        var relative = Substring(path)
        while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
        return String(cString: cwd) + "/" + relative
    }
}
