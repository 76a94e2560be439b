#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Expands the paths given to `import` into archive files, in a stable order.
///
/// Directories are walked with a work list (no recursion), skipping hidden entries; symlinks to
/// files are followed once per target, so pipermail's `index.html` → `thread.html` is not read twice.
enum FileDiscovery {
    /// Deepest directory nesting walked.
    static let maxDepth = 32

    struct Entry { var path: String; var explicit: Bool }

    static func expand(_ paths: [String]) -> (files: [Entry], missing: [String]) {
        var files: [Entry] = []
        var missing: [String] = []
        var seenTargets = Set<String>()
        for path in paths {
            var st = stat()
            guard stat(path, &st) == 0 else { missing.append(path); continue }
            if (st.st_mode & S_IFMT) != S_IFDIR {
                if seenTargets.insert(realPath(path)).inserted { files.append(Entry(path: path, explicit: true)) }
                continue
            }
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
                    else if (s.st_mode & S_IFMT) == S_IFREG, seenTargets.insert(realPath(full)).inserted {
                        files.append(Entry(path: full, explicit: false))
                    }
                }
                for s in subdirs.reversed() { work.append((s, depth + 1)) }
            }
        }
        return (files, missing)
    }

    static func realPath(_ path: String) -> String {
        guard let r = realpath(path, nil) else { return path }
        defer { free(r) }
        return String(cString: r)
    }
}
