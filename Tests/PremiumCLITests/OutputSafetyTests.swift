import Foundation
import PolicyKit
@testable import PremiumCLI
@testable import PremiumBatch
@testable import ResidentIO
import Testing

/// A sink that takes `capacity` bytes and then fails like a full disk.
struct FailingSink: ByteSink {
    var capacity: Int
    var text = ""
    private(set) var writeError: Int32?

    init(capacity: Int) { self.capacity = capacity }

    mutating func write(_ string: String) { write(bytes: Array(string.utf8)) }

    mutating func write(bytes: [UInt8]) {
        guard writeError == nil else { return }
        guard bytes.count <= capacity else { writeError = ENOSPC; return }
        capacity -= bytes.count
        text += String(decoding: bytes, as: UTF8.self)
    }
}

/// A source that gives its bytes, then fails instead of reaching the end.
struct FailingSource: ByteSource {
    var bytes: [UInt8]
    private(set) var readError: Int32?

    mutating func read(into buffer: inout [UInt8], count: Int) -> Int {
        guard !bytes.isEmpty else { readError = EIO; return 0 }
        let taken = bytes.prefix(count)
        buffer += taken
        bytes.removeFirst(taken.count)
        return taken.count
    }
}

/// A fresh directory under the temporary directory, removed by the caller.
func scratchDirectory(_ label: String) throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("premium-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

/// Issue 12, items 1 and 2: every write is checked, and no output clobbers an input.
struct OutputSafetyTests {
    static let record = #"{"region":"beita","category":"dibao"}"# + "\n"

    @Test func aFailedWriteEndsTheRunWith74() {
        var source = MemorySource(Array(String(repeating: Self.record, count: 5000).utf8))
        var output = FailingSink(capacity: 100_000), errors = ""
        let status = PremiumCLI.run(["batch"], environment: englishLocale, input: &source, output: &output, errors: &errors)
        #expect(status == .ioError)
        #expect(errors == "premium: error: cannot write standard output: No space left on device\n")
        var quoteOutput = FailingSink(capacity: 10)
        errors = ""
        #expect(PremiumCLI.run(["quote", "--region", "beita"], environment: englishLocale, output: &quoteOutput, errors: &errors) == .ioError)
        #expect(errors.hasPrefix("premium: error: cannot write standard output: "))
    }

    @Test func aFailedReadIsAnErrorNotTheEndOfInput() {
        var source = FailingSource(bytes: Array(Self.record.utf8))
        var output = "", errors = ""
        let status = PremiumCLI.run(["batch"], environment: englishLocale, input: &source, output: &output, errors: &errors)
        #expect(status == .ioError)
        #expect(errors == "premium: error: cannot read standard input: Input/output error\n")
    }

    @Test func outputReplacesTheFileOnlyWhenTheRunSucceeded() throws {
        let directory = try scratchDirectory("output")
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("results.jsonl").path
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
        // The summary cannot be written: the run fails and the old results stay.
        let failed = runBatch(["--output", target, "--summary-file", directory.path + "/missing/summary.txt"], input: Self.record)
        #expect(failed.status == .cantCreate)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["results.jsonl"])  // no temporary left
        let succeeded = runBatch(["--output", target], input: Self.record)
        #expect(succeeded.status == .success)
        #expect(succeeded.output.isEmpty)
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains(#""payable":195"#))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["results.jsonl"])
        let uncreatable = runBatch(["--output", directory.path + "/missing/results.jsonl"], input: Self.record)
        #expect(uncreatable.status == .cantCreate)
        #expect(uncreatable.errors.hasPrefix("premium: error: cannot create '\(directory.path)/missing/results.jsonl': No such file or directory"))
    }

    @Test func noOutputMayBeTheInputFile() throws {
        let directory = try scratchDirectory("clobber")
        defer { try? FileManager.default.removeItem(at: directory) }
        let roster = directory.appendingPathComponent("r.jsonl").path, link = directory.appendingPathComponent("link.jsonl").path
        try Data(Self.record.utf8).write(to: URL(fileURLWithPath: roster))
        try FileManager.default.linkItem(atPath: roster, toPath: link)
        for arguments in [[roster, "--summary-file", link], [roster, "--output", roster], [link, "--output", roster]] {
            let result = runBatch(arguments, input: "")
            #expect(result.status == .usage, "\(arguments)")
            #expect(result.errors.contains("is the input file"), "\(arguments)")
        }
        #expect(try String(contentsOfFile: roster, encoding: .utf8) == Self.record)
        let output = directory.appendingPathComponent("out.jsonl").path
        let both = runBatch(["--output", output, "--summary-file", output], input: Self.record)
        #expect(both.status == .usage)
        #expect(both.errors.hasPrefix("premium: error: --summary-file and --output are the same file"))
        let directoryInput = runBatch([directory.path], input: "")
        #expect(directoryInput.status == .noInput)
        #expect(directoryInput.errors == "premium: error: '\(directory.path)' is a directory, not a roster\n")
    }

    @Test func theBinaryReports74ForAFullDiskAndAClosedStdout() throws {
        let full = Process()
        full.executableURL = premiumBinary
        full.arguments = ["quote", "--region", "beita"]
        full.environment = ["LANG": "C"]   // a bare server's locale: the tool speaks Chinese
        full.standardOutput = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let errors = Pipe()
        full.standardError = errors
        try full.run()
        full.waitUntilExit()
        #expect(full.terminationStatus == 74)
        #expect(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            == "premium: 错误：无法写入标准输出：磁盘空间已满\n")

        for redirect in [">&-", "<&-"] {
            let closed = try runBinary(["-c", "exec \"$0\" batch \"$@\" " + redirect, premiumBinary.path],
                                       binary: URL(fileURLWithPath: "/bin/sh"), stdin: Data(Self.record.utf8))
            #expect(closed.status == 74, "\(redirect)")
            #expect(closed.errors.hasPrefix("premium: error: cannot "), "\(redirect)")
        }
    }

    @Test func theBinaryRefusesToFeedOnItsOwnOutput() throws {
        let directory = try scratchDirectory("self")
        defer { try? FileManager.default.removeItem(at: directory) }
        let roster = directory.appendingPathComponent("r.jsonl").path
        try Data(Self.record.utf8).write(to: URL(fileURLWithPath: roster))
        let appended = try runBinary(["-c", "exec \"$0\" batch r.jsonl >> r.jsonl", premiumBinary.path],
                                     binary: URL(fileURLWithPath: "/bin/sh"), directory: directory)
        #expect(appended.status == 64)
        #expect(try String(contentsOfFile: roster, encoding: .utf8) == Self.record)
        let viaStdin = try runBinary(["-c", "exec \"$0\" batch --summary-file /dev/stdin < r.jsonl", premiumBinary.path],
                                     binary: URL(fileURLWithPath: "/bin/sh"), directory: directory)
        #expect(viaStdin.status == 64)
        #expect(try String(contentsOfFile: roster, encoding: .utf8) == Self.record)
    }
}
