import Foundation
import PolicyKit
@testable import PremiumCLI
@testable import PremiumBatch
@testable import ResidentIO
import Testing

/// The locale the helpers below run under unless a test's environment sets `LANG`:
/// English, which most tests check messages in. The tool speaks Chinese by default (no
/// locale, `C`, `zh_*`); tests of that pass `["LANG": "C"]` or a Chinese locale.
let englishLocale = ["LANG": "en_US.UTF-8"]
/// A clerk's locale, for tests of the Chinese output and messages.
let chineseLocale = ["LANG": "zh_CN.UTF-8"]

/// Runs `premium` in-process and returns (status, stdout, stderr).
func runCLI(_ arguments: [String], environment: [String: String] = [:]) -> (status: ExitCode, output: String, errors: String) {
    var output = "", errors = ""
    let status = PremiumCLI.run(arguments, environment: englishLocale.merging(environment) { $1 }, output: &output, errors: &errors)
    return (status, output, errors)
}

/// The package root, found from this file's path.
let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The built `premium` binary: next to the test bundle that `swift test` runs.
let premiumBinary: URL = {
    let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [bundleDirectory.appendingPathComponent("premium"), packageRoot.appendingPathComponent(".build/debug/premium")]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
}()

/// Runs the built binary as a child process; stdin, stdout and stderr go through
/// temporary files so large outputs cannot dead-lock on a pipe.
func runBinary(_ arguments: [String], binary: URL = premiumBinary, stdin: Data = Data(),
               environment: [String: String] = [:], directory: URL? = nil) throws -> (status: Int32, output: Data, errors: String) {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("premium-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let inURL = scratch.appendingPathComponent("in"), outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
    try stdin.write(to: inURL)
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for key in ["PREMIUM_POLICY_DIR", "LC_ALL", "LC_MESSAGES", "LANG"] { env.removeValue(forKey: key) }
    for (key, value) in englishLocale.merging(environment, uniquingKeysWith: { $1 }) { env[key] = value }
    process.environment = env
    if let directory { process.currentDirectoryURL = directory }
    process.standardInput = try FileHandle(forReadingFrom: inURL)
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    try process.run()
    process.waitUntilExit()
    return (process.terminationStatus, try Data(contentsOf: outURL), String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}
