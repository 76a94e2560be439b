import Foundation
import Testing

/// The source layout is part of the design (docs/ARCHITECTURE.md): these tests read the sources and
/// fail when a folder of ListLensMail reaches up to a later layer, or a file holds two primary types.
@Suite("Source layout")
struct LayeringTests {
    /// ListLensMail's folders, bottom-up. A folder may use its own types and those of folders before it.
    static let mailLayers = ["Core", "Encodings", "Headers", "MIME", "HTML", "Message", "Archive", "HTMLArchive", "Reading"]

    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// `struct X`, `public enum X`, `final class X`, … at the start of a line: the file's top-level declarations.
    static func declaredTypes(in source: String) -> [String] {
        var names: [String] = []
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let first = line.first, first != " ", first != "\t" else { continue }   // nested types are not top-level
            var words = line.split(separator: " ", omittingEmptySubsequences: true)[...]
            while let w = words.first, ["public", "package", "internal", "fileprivate", "private", "final", "indirect"].contains(w) {
                words = words.dropFirst()
            }
            guard let kind = words.first, ["struct", "enum", "class", "protocol", "actor", "typealias"].contains(kind),
                  let name = words.dropFirst().first else { continue }
            let identifier = name.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if let first = identifier.first, first.isUppercase { names.append(String(identifier)) }
        }
        return names
    }

    /// Capitalized identifiers in the code, with comments and string literals removed.
    static func referencedNames(in source: String) -> Set<String> {
        var names = Set<String>()
        for line in source.split(separator: "\n") {
            var code = Substring(line)
            if let comment = code.firstRange(of: "//") { code = code[..<comment.lowerBound] }
            var inString = false
            var word = ""
            var previous: Character = " "
            for ch in code {
                if ch == "\"" && previous != "\\" { inString.toggle(); previous = ch; continue }
                previous = ch
                if inString { continue }
                if ch.isLetter || ch.isNumber || ch == "_" { word.append(ch); continue }
                if let f = word.first, f.isUppercase { names.insert(word) }
                word = ""
            }
            if let f = word.first, f.isUppercase { names.insert(word) }
        }
        return names
    }

    static func swiftFiles(under folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.sorted { $0.path < $1.path }
    }

    @Test("ListLensMail's folders form layers: none uses a type of a later folder")
    func mailIsLayered() throws {
        let mail = Self.sources.appendingPathComponent("ListLensMail")
        let present = try FileManager.default.contentsOfDirectory(atPath: mail.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(present == Self.mailLayers.sorted(), "every folder of ListLensMail has a place in the layer order")
        var owner: [String: Int] = [:]
        var files: [(layer: Int, url: URL, source: String)] = []
        for (layer, folder) in Self.mailLayers.enumerated() {
            for url in Self.swiftFiles(under: mail.appendingPathComponent(folder)) {
                let source = try String(contentsOf: url, encoding: .utf8)
                for name in Self.declaredTypes(in: source) { owner[name] = layer }
                files.append((layer, url, source))
            }
        }
        #expect(owner["MailDefect"] == 0 && owner["ArchiveReader"] == Self.mailLayers.count - 1, "the scan found the types")
        for file in files {
            for name in Self.referencedNames(in: file.source) {
                guard let used = owner[name] else { continue }
                #expect(used <= file.layer,
                        "\(file.url.lastPathComponent) (\(Self.mailLayers[file.layer])) uses \(name) from the later layer \(Self.mailLayers[used])")
            }
        }
    }

    @Test("every source file holds one primary type, named like the file")
    func oneTypePerFile() throws {
        let files = Self.swiftFiles(under: Self.sources)
        #expect(files.count > 50)
        for url in files {
            let source = try String(contentsOf: url, encoding: .utf8)
            let types = Self.declaredTypes(in: source)
            let stem = url.deletingPathExtension().lastPathComponent
            if stem.contains("+") || stem == "ListLens" {
                // `Type+Aspect.swift` extends a type declared elsewhere; the entry point holds the root command.
                #expect(types.count <= 1, "\(url.lastPathComponent) declares \(types)")
                continue
            }
            #expect(types.count == 1, "\(url.lastPathComponent) declares \(types)")
            if let type = types.first { #expect(type == stem, "\(url.lastPathComponent) declares \(type)") }
        }
    }
}
