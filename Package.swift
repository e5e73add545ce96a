// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "premium",
    products: [
        .executable(name: "premium", targets: ["premium"]),
        .library(name: "PolicyKit", targets: ["PolicyKit"]),
    ],
    targets: [
        // Core: money, civil dates, JSON, policy data and the rules engine.
        // Knows nothing about argv, stdout or exit codes.
        .target(name: "PolicyKit", plugins: ["EmbedPolicyData"]),
        // A resident's fields in and a quote's formats out: the one table of resident
        // fields, the quote request it fills, the JSON and CSV writers, byte streams.
        // Shared by the command line's `quote` and by batch.
        .target(name: "ResidentIO", dependencies: ["PolicyKit"]),
        // Rosters: record readers (JSON Lines, CSV), the decoder, the compiled pricer,
        // the result writers and the summary. Knows nothing of argv or exit codes.
        .target(name: "PremiumBatch", dependencies: ["PolicyKit", "ResidentIO", "Workbook"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        // Excel workbooks: a zip container (own inflate and CRC-32), a streaming XML
        // tokenizer, an .xlsx reader that streams rows and a writer. Toolchain only, no Foundation.
        .target(name: "Workbook"),
        // The command line as a library, so tests can run it in-process.
        .target(name: "PremiumCLI", dependencies: ["PolicyKit", "ResidentIO", "PremiumBatch"]),
        // The binary: a shim over PremiumCLI. On Linux it is linked as a static
        // executable: SwiftPM always adds `-rpath=$ORIGIN` (only the command-line flag
        // --disable-local-rpath drops it), which lets a library planted beside the binary
        // be loaded; a static executable has no dynamic section, so no RUNPATH at all.
        // The three libraries are ones --static-swift-stdlib links by itself and a plain
        // build does not.
        .executableTarget(name: "premium", dependencies: ["PremiumCLI"], linkerSettings: [
            .unsafeFlags(["-static-executable", "-Xlinker", "-l_FoundationCollections", "-Xlinker", "-lswiftSynchronization",
                          "-Xlinker", "-l_FoundationCShims"], .when(platforms: [.linux])),
        ]),

        // Compiles the top-level PolicyData/ folder into PolicyKit at build time.
        .executableTarget(name: "embed-policy-data"),
        .plugin(name: "EmbedPolicyData", capability: .buildTool(), dependencies: ["embed-policy-data"]),

        // Seeded randomness and the fuzz-size knob, shared by both test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "PolicyKitTests", dependencies: ["PolicyKit", "TestSupport"]),
        .testTarget(name: "PremiumCLITests", dependencies: ["PremiumCLI", "PolicyKit", "ResidentIO", "PremiumBatch", "Workbook", "TestSupport"]),
        .testTarget(name: "WorkbookTests", dependencies: ["Workbook", "TestSupport"]),
        .testTarget(name: "PremiumBatchTests", dependencies: ["PremiumBatch", "PolicyKit", "ResidentIO", "TestSupport"]),
    ]
)
