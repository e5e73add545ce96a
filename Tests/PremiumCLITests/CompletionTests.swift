import Foundation
import PolicyKit
@testable import PremiumCLI
@testable import PremiumBatch
@testable import ResidentIO
import Testing

/// `premium completion`: the script is loaded into a real bash and asked to complete.
struct CompletionTests {
    static let bash = ["/bin/bash", "/usr/bin/bash"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let zsh = ["/bin/zsh", "/usr/bin/zsh"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// What the script's `_premium` offers for a command line whose last word is being typed.
    static func complete(_ shell: String, script: Data, _ words: [String]) throws -> [String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("premium-completion-\(UUID().uuidString)")
        try script.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let quotedWords = words.map { CompletionCommand.quoted($0) }.joined(separator: " ")
        let program = """
            source \(file.path)
            complete -p premium >/dev/null || exit 3
            \(shell.hasSuffix("zsh") ? "emulate sh  # as zsh's bashcompinit runs a bash completion function" : "")
            COMP_WORDS=(\(quotedWords)); COMP_CWORD=\(words.count - 1)
            _premium
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try runBinary(shell.hasSuffix("zsh") ? ["-f", "-c", program] : ["--norc", "--noprofile", "-c", program], binary: URL(fileURLWithPath: shell))
        #expect(result.status == 0, "\(result.errors)")
        return String(decoding: result.output, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Years come from the data: a new year file adds one, and breaks nothing.
    static let zhujiYears = try! PolicyStore.embedded().policies.filter { $0.id == "zhuji" }.map { String($0.year) }

    @Test(.enabled(if: bash != nil, "needs bash"), arguments: [
        (["premium", ""], ["quote", "explain", "batch", "regions", "categories", "calendar", "check", "completion", "help", "--help", "--version"]),
        (["premium", "ca"], ["categories", "calendar"]),
        (["premium", "quote", "--re"], ["--region", "--recognized-on"]),
        (["premium", "quote", "--region", ""], ["beita", "dongzhi", "nanan", "nancheng", "zhuji"]),
        // The category ids of the region on the line, by id or by Chinese name.
        (["premium", "quote", "--region", "beita", "--category", "d"], ["doudi", "dibao"]),
        (["premium", "explain", "--region", "朱集", "--category", "j"], ["jisheng", "jiance"]),
        (["premium", "quote", "--region", "=", "dongzhi", "--category", "=", "tuib"], ["tuibu-yumin"]),
        (["premium", "categories", "--region", "zhuji", "--year", ""], zhujiYears),
        (["premium", "quote", "--tier", ""], ["1", "2"]),
        (["premium", "batch", "--output-format", ""], ["jsonl", "csv", "xlsx"]),
        (["premium", "batch", "--su"], ["--summary", "--summary-file", "--summary-format"]),
        (["premium", "completion", ""], ["bash", "zsh", "--policy-dir", "--help"]),
        (["premium", "help", "ex"], ["explain"]),
    ])
    func bashCompletes(words: [String], expected: [String]) throws {
        let script = try runBinary(["completion", "bash"])
        #expect(script.status == 0)
        #expect(try Self.complete(Self.bash!, script: script.output, words) == expected)
    }

    @Test(.enabled(if: zsh != nil, "needs zsh")) func zshLoadsTheScript() throws {
        let script = try runBinary(["completion", "zsh"])
        // zsh's compgen leaves prefix matching to compadd: the function offers the region's
        // ids, and zsh keeps those that start with what was typed.
        let offered = try Self.complete(Self.zsh!, script: script.output, ["premium", "quote", "--region", "beita", "--category", "d"])
        #expect(offered == ["tekun", "guer", "zhongcan", "jisheng", "doudi", "dibao", "wurenfuyang", "jiandang", "bianyuanhu", "youfu"])
        #expect(offered.filter { $0.hasPrefix("d") } == ["doudi", "dibao"])
    }

    @Test func unknownShellIsAUsageError() {
        let result = runCLI(["completion", "fish"])
        #expect(result.status == .usage)
        #expect(result.errors.hasPrefix("premium: error: completion needs one shell: bash or zsh\n"))
    }
}
