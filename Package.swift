// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ListLens",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "listlens", targets: ["listlens"]),
        .library(name: "ListLensIndex", targets: ["ListLensIndex"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // C libraries from Debian, each behind a module map and a shim header.
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        // Debian's libbz2-dev ships no pkg-config file: the module map links -lbz2 itself.
        .systemLibrary(name: "CBzip2", path: "Sources/CBzip2", providers: [.apt(["libbz2-dev"]), .brew(["bzip2"])]),
        .systemLibrary(name: "CLibPSL", path: "Sources/CLibPSL", pkgConfig: "libpsl",
                       providers: [.apt(["libpsl-dev"]), .brew(["libpsl"])]),

        // The FTS5 tokenizer `listlens`: Porter stemming, and prefixes read before stemming. In C:
        // it runs for every word of every message indexed.
        .target(name: "CListLensFTS", linkerSettings: [.linkedLibrary("sqlite3")]),

        // Small text helpers every module shares (trimming, number grouping, a monotonic clock).
        .target(name: "ListLensText"),
        // Archive readers, RFC 5322 / MIME parsing, charsets, HTML to text.
        .target(name: "ListLensMail", dependencies: ["ListLensText", "CLibXML2", "CZlib", "CBzip2"]),
        // Pure analysis: quote segments, threading, identities, organizations.
        .target(name: "ListLensAnalysis", dependencies: ["ListLensMail", "ListLensText", "CLibPSL"]),
        // The storage-neutral library: importer, passes, query syntax tree, reports, the JSON contract
        // types. It talks to storage only through protocols (Storage/); no SQL here.
        .target(name: "ListLensIndex", dependencies: [
            "ListLensMail", "ListLensAnalysis", "ListLensText",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Yams", package: "Yams"),
        ]),
        // The embedded default store: GRDB, migrations, FTS5 and the query compiler for it.
        .target(name: "ListLensSQLite", dependencies: [
            "ListLensIndex", "ListLensAnalysis", "ListLensMail", "ListLensText", "CListLensFTS",
            .product(name: "GRDB", package: "GRDB.swift"),
            // SQLite's C interface, for reports that read integer columns of many rows.
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // The command-line tool: translates arguments into library calls, results into text.
        .executableTarget(name: "listlens", dependencies: [
            "ListLensIndex", "ListLensSQLite", "ListLensAnalysis", "ListLensMail", "ListLensText",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // For tests only: the fixture loader, throwaway stores and a process runner every test target shares.
        .target(name: "ListLensTestSupport", dependencies: ["ListLensSQLite"], path: "Tests/ListLensTestSupport"),
        .testTarget(name: "ListLensMailTests", dependencies: ["ListLensMail", "ListLensTestSupport"]),
        .testTarget(name: "ListLensAnalysisTests", dependencies: ["ListLensAnalysis", "ListLensTestSupport"]),
        .testTarget(name: "ListLensIndexTests", dependencies: [
            "ListLensIndex", "ListLensSQLite", "ListLensMail", "ListLensAnalysis", "ListLensTestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "ListLensCLITests", dependencies: ["listlens", "ListLensTestSupport"], exclude: ["Snapshots"]),
    ],
    swiftLanguageModes: [.v6]
)

// Fuzz targets exist only when asked for: they link only with -sanitize=fuzzer (TOOLCHAIN.md §8).
//   LISTLENS_FUZZ=1 swift build --scratch-path .build-fuzz --product listlens-fuzz \
//       -Xswiftc -sanitize=fuzzer,address,undefined
if Context.environment["LISTLENS_FUZZ"] != nil {
    package.targets += [
        // libFuzzer's LLVMFuzzerRunDriver, declared for Swift.
        .target(name: "CFuzzerDriver"),
        .executableTarget(name: "listlens-fuzz", dependencies: [
            "CFuzzerDriver", "ListLensIndex", "ListLensSQLite", "ListLensMail", "ListLensAnalysis",
        ], swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
    ]
    package.products += [.executable(name: "listlens-fuzz", targets: ["listlens-fuzz"])]
}
