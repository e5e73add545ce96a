import Foundation
import PolicyKit
@testable import PremiumCLI
@testable import PremiumBatch
@testable import ResidentIO
import Testing

/// Issue 12, items 5 to 7: the policy-dir walk is bounded, `check` and every command
/// refuse the same data, and names that reach shells and terminals are checked.
struct PolicyDirectoryTests {
    /// A copy of the built-in data in a fresh directory.
    static func copy() throws -> URL {
        let directory = try scratchDirectory("policy")
        for (path, bytes) in PolicyStore.embeddedFiles {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return directory
    }

    /// `check`, then a quote by region id and one by Chinese name, all on `directory`.
    static func everyCommand(_ directory: URL) -> [(status: ExitCode, output: String, errors: String)] {
        [runCLI(["check", "--policy-dir", directory.path]),
         runCLI(["quote", "--region", "beita", "--policy-dir", directory.path]),
         runCLI(["quote", "--region", "北塔区", "--policy-dir", directory.path]),
         runCLI(["batch", "--policy-dir", directory.path])]
    }

    /// `check` and every command that loads data refuse `directory` with 65, saying `message`.
    static func expectEveryCommandRefuses(_ directory: URL, saying message: String) {
        for result in everyCommand(directory) {
            #expect(result.status == .dataError, "\(result.errors)")
            #expect((result.output + result.errors).contains(message), "\(result.output + result.errors)")
        }
    }

    @Test func aSymbolicLinkLoopIsAnErrorNotAHang() throws {
        let directory = try Self.copy()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/beita/loop", withDestinationPath: "..")
        Self.expectEveryCommandRefuses(directory, saying: "beita/loop: is a folder already read through another path")
    }

    @Test func foldersDeeperThanTheLimitAreAnError() throws {
        let directory = try Self.copy()
        defer { try? FileManager.default.removeItem(at: directory) }
        let deep = (1...PolicyStore.maximumDepth).map { "d\($0)" }.joined(separator: "/")
        try FileManager.default.createDirectory(atPath: directory.path + "/" + deep, withIntermediateDirectories: true)
        let result = runCLI(["check", "--policy-dir", directory.path])
        #expect(result.status == .dataError)
        #expect(result.errors.contains("is nested deeper than \(PolicyStore.maximumDepth) folders"))
    }

    @Test func anEmptyPolicyDirectoryIsRejectedByEveryCommand() throws {
        let directory = try scratchDirectory("empty")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(atPath: directory.path + "/beita", withIntermediateDirectories: true)
        Self.expectEveryCommandRefuses(directory, saying: "beita: is an empty region folder")
        try FileManager.default.removeItem(atPath: directory.path + "/beita")
        Self.expectEveryCommandRefuses(directory, saying: "no policy files: expected <region>/<year>.json below it")
    }

    /// A policy folder replaces the built-in data whole: a region that vanished from it,
    /// or whose folder became something else, would vanish from every answer.
    @Test("a vanished or mangled region folder is refused by every command", arguments: [
        ("vanished", "beita: is missing: region 'beita' of the built-in data has no folder here"),
        ("plain file", "beita: is not a region folder (expected <region>/<year>.json)"),
        ("empty", "beita: is an empty region folder"),
        ("folder named like a file", "beita/2022.json: is a folder, not a policy file"),
        ("stray file", "beita/notes.txt: is not a policy file"),
    ])
    func mangledRegionFolder(change: String, message: String) throws {
        let directory = try Self.copy()
        defer { try? FileManager.default.removeItem(at: directory) }
        let beita = directory.path + "/beita"
        switch change {
        case "vanished": try FileManager.default.removeItem(atPath: beita)
        case "plain file":
            try FileManager.default.removeItem(atPath: beita)
            try Data("x".utf8).write(to: URL(fileURLWithPath: beita))
        case "empty": try FileManager.default.removeItem(atPath: beita + "/2021.json")
        case "folder named like a file": try FileManager.default.createDirectory(atPath: beita + "/2022.json", withIntermediateDirectories: true)
        default: try Data("x".utf8).write(to: URL(fileURLWithPath: beita + "/notes.txt"))
        }
        for result in [runCLI(["check", "--policy-dir", directory.path]),
                       runCLI(["quote", "--region", "zhuji", "--policy-dir", directory.path])] {
            #expect(result.status == .dataError)
            #expect(result.errors.contains(message), "\(result.errors)")
        }
    }

    @Test func aRegionFolderThatIsALinkToNothingIsRejected() throws {
        let directory = try Self.copy()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/gone", withDestinationPath: directory.path + "/nowhere")
        Self.expectEveryCommandRefuses(directory, saying: "gone: is a link to nothing or cannot be read")
    }

    @Test func anUnreadableRegionFolderIsRejected() throws {
        guard geteuid() != 0 else { return }  // root reads any folder
        let directory = try Self.copy()
        defer {
            chmod(directory.path + "/nanan", 0o755)
            try? FileManager.default.removeItem(at: directory)
        }
        chmod(directory.path + "/nanan", 0)
        Self.expectEveryCommandRefuses(directory, saying: "nanan: cannot read the folder")
    }

    @Test func aFileNotAtRegionSlashYearIsRejectedByEveryCommand() throws {
        let directory = try Self.copy()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(atPath: directory.path + "/old/zhuji", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: directory.path + "/zhuji/2023.json", toPath: directory.path + "/old/zhuji/2023.json")
        Self.expectEveryCommandRefuses(directory, saying: "old/zhuji/2023.json: at region: zhuji 2023 belongs in zhuji/2023.json")
    }

    @Test func anAliasClashElsewhereStopsAQuoteByRegionID() throws {
        // nanan takes zhuji's Chinese name: a quote for beita must refuse the data too.
        let directory = try CheckCommandTests.brokenCopy("nanan/2024.json", "\"aliases\": [\"南安\"", "\"aliases\": [\"朱集镇\", \"南安\"")
        defer { try? FileManager.default.removeItem(at: directory) }
        Self.expectEveryCommandRefuses(directory, saying: "already names region")
    }

    @Test("ids and names that reach shells and terminals are checked", arguments: [
        ("\"id\": \"medical-assistance\"", "\"id\": \"medical assistance\"", "at funders."),
        ("\"region\": \"beita\"", "\"region\": \"Beita\"", "at region: region id 'Beita' must be lower-case ASCII letters"),
        ("\"aliases\": [\"北塔\"", "\"aliases\": [\"北塔\\u001b[2J\"", "at aliases.0: '北塔\\u{1B}[2J' holds a control character"),
    ])
    func namesAreChecked(original: String, broken: String, message: String) throws {
        let directory = try CheckCommandTests.brokenCopy("beita/2021.json", original, broken)
        defer { try? FileManager.default.removeItem(at: directory) }
        let check = runCLI(["check", "--policy-dir", directory.path])
        #expect(check.status == .dataError)
        #expect(check.output.contains(message), "\(check.output)")
        #expect(runCLI(["quote", "--region", "zhuji", "--policy-dir", directory.path]).status == .dataError)
    }

    @Test func completionQuotesEveryWordItEmbeds() {
        #expect(CompletionCommand.quoted("a'b $(x)") == #"'a'\''b $(x)'"#)
    }
}
