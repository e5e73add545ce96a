import Foundation
import Testing
@testable import Workbook

/// Python for test-time checks: `$PREMIUM_PYTHON`, else the first `python3` on `PATH`.
enum TestPython {
    static let environment = ProcessInfo.processInfo.environment

    /// A python3 that runs at all (zlib is in its standard library).
    static let any: String? = candidates.first { runs($0, "import zlib") }
    /// A python3 with openpyxl, when there is one.
    static let withOpenpyxl: String? = candidates.first { runs($0, "import openpyxl") }
    /// CI sets `PREMIUM_REQUIRE_OPENPYXL=1`: then a missing openpyxl fails the openpyxl tests.
    static let openpyxlRequired = environment["PREMIUM_REQUIRE_OPENPYXL"] == "1"

    private static var candidates: [String] {
        let onPath = (environment["PATH"] ?? "/usr/bin").split(separator: ":").map { String($0) + "/python3" }
        return [environment["PREMIUM_PYTHON"]].compactMap { $0 } + onPath
    }

    private static func runs(_ path: String, _ code: String) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: path) else { return false }
        return (try? run(path, ["-c", code]).status) == 0
    }

    /// Runs `python` with `arguments`; returns its exit status, stdout and stderr.
    static func run(_ python: String, _ arguments: [String]) throws -> (status: Int32, output: Data, errors: String) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-py-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try Data(contentsOf: outURL), String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Runs a script with `python`, failing the test if it exits non-zero.
    static func script(_ python: String, _ code: String, _ arguments: [String] = []) throws -> Data {
        let result = try run(python, ["-c", code] + arguments)
        #expect(result.status == 0, "python failed: \(result.errors)")
        return result.output
    }
}

/// A fresh scratch directory for one test.
func scratchDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Bytes from a hex string (`"4b0400"`).
func hexBytes(_ hex: String) -> [UInt8] {
    var result: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        result.append(UInt8(hex[index..<next], radix: 16)!)
        index = next
    }
    return result
}

/// Inflates a whole raw deflate stream, `chunkSize` bytes at a time.
func inflate(_ compressed: [UInt8], chunkSize: Int = 256 << 10) throws(InflateError) -> [UInt8] {
    let inflater = Inflater(compressed, range: 0..<compressed.count, chunkSize: chunkSize)
    var result: [UInt8] = []
    while let chunk = try inflater.produce() { result.append(contentsOf: chunk) }
    return result
}
