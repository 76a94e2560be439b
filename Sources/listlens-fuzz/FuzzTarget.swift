import CFuzzerDriver
import Foundation
import ListLensAnalysis
import ListLensIndex
import ListLensMail
import ListLensSQLite

/// Coverage-guided fuzzing of every layer that reads input, with libFuzzer (issue 9).
///
/// Built only on request, with the fuzzer and sanitizers (see `.ci/run` and docs/ARCHITECTURE.md):
///
///     LISTLENS_FUZZ=1 swift build --scratch-path .build-fuzz --product listlens-fuzz \
///         -Xswiftc -sanitize=fuzzer,address,undefined
///     SWIFT_BACKTRACE=enable=no .build-fuzz/debug/listlens-fuzz mbox fuzz-corpus/mbox \
///         fixtures/sample -max_total_time=60
///
/// The first argument names the target; the rest go to libFuzzer. A target fails only by crashing
/// (a trap, an overflow, a sanitizer report) or hanging (libFuzzer's `-timeout`).
enum FuzzTarget: String, CaseIterable {
    /// The bytes as an mbox file (a separator line is put in front): ArchiveReader, then every
    /// message through MessageAnalyzer.
    case mbox
    /// The bytes as any file: format sniffing, gzip, bzip2, zip, Maildir messages, HTML pages.
    case archive
    /// The bytes as one message: headers, MIME, charsets, HTML parts, quotes, analysis.
    case message
    /// The bytes as HTML mail: libxml2 and the HTML-to-text converter.
    case html
    /// The bytes as an archive page (pipermail, hypermail, MHonArc, index pages).
    case htmlPage = "html-page"
    /// The bytes as body text: the quote segmenter.
    case quotes
    /// The bytes as a search query: the parser, then the FTS5 compiler and SQLite on a small store.
    case query

    nonisolated(unsafe) static var selected: FuzzTarget = .mbox
    nonisolated(unsafe) static var scratch = ""
    nonisolated(unsafe) static var store: SQLiteStore?
    static let analyzer = MessageAnalyzer(organizations: OrganizationResolver(suffixes: .builtin))
    static let separator = Array("From fuzz@example.org Mon Jan  1 00:00:00 2026\n".utf8)

    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch selected {
        case .mbox: readFile(separator + Array(bytes))
        case .archive: readFile(Array(bytes))
        case .message:
            let a = analyzer.analyze(RawMessage(bytes: Array(bytes), offset: 0, length: Int64(bytes.count)))
            // The id limit counts the header's bytes; each becomes at most one scalar (a byte that is
            // not UTF-8 becomes U+FFFD, three bytes in UTF-8: fixtures/fuzz/message/ holds that case).
            precondition(a.message.messageID.unicodeScalars.count <= HeaderLimits.maxMessageIDLength)
        case .html:
            // The marks name lines of the text, and the segmenter takes them as they come.
            let converted = HTMLText.convert(bytes: ArraySlice(bytes), declaredCharset: nil)
            let lines = (converted.text ?? "").utf8.count(where: { $0 == 0x0A }) + 1
            precondition(converted.marks.allSatisfy { $0.line < lines } && converted.marks.count <= TextMark.maxPerBody)
            _ = QuoteSegmenter.segments(of: converted.text ?? "", marks: converted.marks)
        case .htmlPage:
            _ = HTMLArchive.page(path: scratch + "/page.html", bytes: Array(bytes), context: HTMLArchive.Context())
        case .quotes:
            // With a footer learned from the input's own trailer, so footer matching sees hostile lines too.
            let text = String(decoding: bytes, as: UTF8.self)
            var learner = ListFooter.Learner()
            for _ in 0..<ListFooter.Learner.minimumMessages { learner.observe(ListFooter.trailer(of: text[...])) }
            let segments = QuoteSegmenter.segments(of: text, footer: learner.footer)
            _ = QuotedText(segments: segments)
        case .query:
            guard let query = try? SearchQuery.parse(String(decoding: bytes, as: UTF8.self)), let store else { return }
            // A query that parses must compile and run; an error from SQLite is a finding only if it crashes.
            _ = try? Searcher(store: store).search(query, limit: 5)
        }
    }

    /// Writes the input to the scratch file and reads every message in it.
    static func readFile(_ bytes: [UInt8]) {
        let path = scratch + "/input"
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { fatalError("cannot write \(path)") }
        guard let reader = try? ArchiveReader(path: path) else { return }
        // A read error ends the file, as it ends an import's file.
        while let raw = try? reader.next() { _ = analyzer.analyze(raw) }
    }

    /// A scratch folder for the inputs that go through files, and the query target's store.
    static func prepare() {
        scratch = NSTemporaryDirectory() + "listlens-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        if selected == .query {
            do {
                let s = try SQLiteStore(path: scratch + "/store.sqlite")
                let sample = scratch + "/sample.mbox"
                _ = FileManager.default.createFile(atPath: sample, contents: Data("""
                    From a@example.org Mon Mar  2 09:00:00 2026
                    From: Priya <priya@example.com>
                    Subject: quota for the deferred queue
                    Date: Mon, 02 Mar 2026 09:00:00 +0000
                    Message-ID: <q1@example.org>

                    > quoted text about callbacks
                    The quota is inline and deferred.

                    """.utf8))
                _ = try Importer(store: s).run(paths: [sample])
                store = s
            } catch {
                fatalError("cannot prepare the query store: \(error)")
            }
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.run(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    return 0
}

// SwiftPM links an executable with --defsym main=<module>_main (TOOLCHAIN.md §8): this is that
// symbol. It takes the target's name off the arguments and hands the rest to libFuzzer.
@_cdecl("listlens_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    guard argc >= 2, let argv, let name = argv[1].map({ String(cString: $0) }), let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("usage: listlens-fuzz TARGET [libFuzzer options and corpus folders]\ntargets: \(names)\n".utf8))
        return 64
    }
    FuzzTarget.selected = target
    FuzzTarget.prepare()
    // libFuzzer sees its own name first, then the rest: drop the target's name.
    var args: [UnsafeMutablePointer<CChar>?] = [argv[0]] + (2..<Int(argc)).map { argv[$0] } + [nil]
    var count = argc - 1
    return args.withUnsafeMutableBufferPointer { buffer in
        var base = buffer.baseAddress
        return LLVMFuzzerRunDriver(&count, &base) { data, size in fuzzOneInput(data, size) }
    }
}
