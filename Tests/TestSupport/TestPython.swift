import Foundation
import Testing

/// Python for test-time checks: `$PREMIUM_PYTHON`, else the first `python3` on `PATH`.
public enum TestPython {
    public static let environment = ProcessInfo.processInfo.environment

    /// A python3 that runs at all (zlib is in its standard library).
    public static let any: String? = candidates.first { runs($0, "import zlib") }
    /// A python3 with openpyxl, when there is one.
    public static let withOpenpyxl: String? = candidates.first { runs($0, "import openpyxl") }
    /// CI sets `PREMIUM_REQUIRE_OPENPYXL=1`: then a missing openpyxl fails the openpyxl tests.
    public static let openpyxlRequired = environment["PREMIUM_REQUIRE_OPENPYXL"] == "1"

    private static var candidates: [String] {
        let onPath = (environment["PATH"] ?? "/usr/bin").split(separator: ":").map { String($0) + "/python3" }
        return [environment["PREMIUM_PYTHON"]].compactMap { $0 } + onPath
    }

    private static func runs(_ path: String, _ code: String) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: path) else { return false }
        return (try? run(path, ["-c", code]).status) == 0
    }

    /// Runs `python` with `arguments`; returns its exit status, stdout and stderr.
    public static func run(_ python: String, _ arguments: [String]) throws -> (status: Int32, output: Data, errors: String) {
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
    public static func script(_ python: String, _ code: String, _ arguments: [String] = []) throws -> Data {
        let result = try run(python, ["-c", code] + arguments)
        #expect(result.status == 0, "python failed: \(result.errors)")
        return result.output
    }
}
