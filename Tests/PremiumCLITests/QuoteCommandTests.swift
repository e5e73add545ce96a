import Foundation
import PolicyKit
@testable import PremiumCLI
@testable import PremiumBatch
@testable import ResidentIO
import Testing

struct QuoteCommandTests {
    @Test func jsonForBeitaDibaoIsStableAndSorted二四5() {
        let result = runCLI(["quote", "--region", "beita", "--year", "2021", "--category", "dibao", "--json"], environment: chineseLocale)
        #expect(result.status == .success)
        #expect(result.errors.isEmpty)
        #expect(result.output == """
            {
              "assumptions": [
                "未给出缴费日期：按在集中缴费期（2020-09-01至2020-12-31）内缴费计算",
                "通知只给出待遇开始日（二(二)、二(七)），未写截止日：按2021年12月31日计",
                "通知未给出财政补助金额（“按照国家规定执行”），按2021年国家最低标准580元计（依据：医保发〔2021〕32号）"
              ],
              "benefit_end": "2021-12-31",
              "benefit_start": "2021-01-01",
              "benefit_start_rule": "coverage_start",
              "categories": [
                "dibao"
              ],
              "enrollable": true,
              "fiscal_subsidy": 580,
              "individual_fee": 280,
              "late_surcharge": 0,
              "notes": [
                "社会救助兜底保障对象以外的城乡低保对象"
              ],
              "paid_on": "2020-09-01",
              "paid_on_assumed": true,
              "payable": 195,
              "reason": null,
              "reason_code": null,
              "refund_later": 0,
              "region": "beita",
              "route": "centralised",
              "sources": [
                "北塔区政府办通知(2020-11-09) 二(二)",
                "北塔区政府办通知(2020-11-09) 二(三)",
                "北塔区政府办通知(2020-11-09) 二(五)",
                "北塔区政府办通知(2020-11-09) 二(四)5"
              ],
              "subsidies": [
                {
                  "amount": 85,
                  "category": "dibao",
                  "funded_by": "medical-assistance",
                  "source": "北塔区政府办通知(2020-11-09) 二(四)5",
                  "when": "now"
                }
              ],
              "subsidy": 85,
              "subsidy_category": "dibao",
              "tier": 1,
              "waiting_days": 0,
              "year": 2021
            }

            """)
    }

    @Test func chineseNamesWorkForRegionAndCategory() {
        let result = runCLI(["quote", "--region", "北塔区", "--category", "低保"], environment: chineseLocale)
        #expect(result.status == .success)
        #expect(result.output.contains("本次应缴    195.00 元"))
        #expect(result.output.contains("−85.00 元  城乡低保对象 · 医疗救助资金"))
        #expect(result.output.contains("待遇享受期  2021-01-01 至 2021-12-31"))
    }

    @Test func englishTextOutput() {
        let result = runCLI(["quote", "--region", "nanan", "--year", "2024", "--paid-on", "2024-03-01", "--lang", "en"])
        #expect(result.status == .success)
        #expect(result.output.contains("Pay now         390.00 yuan"))
        #expect(result.output.contains("Covered         2024-05-01 to 2024-12-31"))
        #expect(result.output.contains("Waiting period  60 days"))
    }

    @Test func residentWhoCannotJoinGetsAReasonAndStatus1() throws {
        let result = runCLI(["quote", "--region", "dongzhi", "--year", "2021", "--paid-on", "2021-02-01", "--json"], environment: chineseLocale)
        #expect(result.status == .notEnrollable)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["enrollable"] as? Bool == false)
        #expect(json["payable"] is NSNull)
        #expect(json["benefit_start"] is NSNull)
        #expect(json["reason_code"] as? String == "closed")
        #expect((json["reason"] as? String)?.contains("未提供其他参保途径") == true)
    }

    @Test("bad input: one error line, nothing on stdout, exit 64", arguments: [
        (["quote", "--region", "beitaa"], "premium: error: unknown region 'beitaa'; did you mean 'beita' (北塔区)?"),
        (["quote", "--region", "beita", "--year", "2021", "--category", "dibaoo"], "premium: error: region 'beita' has no category 'dibaoo'; did you mean 'dibao' (城乡低保对象)?"),
        (["quote", "--region", "beita", "--year", "2021", "--paid-on", "2021-02-30"], "premium: error: invalid date '2021-02-30' for --paid-on: expected a real date such as 2022-01-05, 2022/1/5, 20220105 or 2022年1月5日"),
        (["quote", "--region", "beita", "--year", "2021", "--tier", "2"], "premium: error: region 'beita' has one fee level; '--tier 2' does not apply"),
        (["quote", "--region", "beita", "--year", "2022"], "premium: error: region 'beita' has no notice for 2022; available: 2021"),
        (["quote", "--region", "beita", "--year", "2021", "--jsno"], "premium: error: unknown option '--jsno'; did you mean '--json'?"),
        (["qoute"], "premium: error: unknown command 'qoute'; did you mean 'quote'?"),
        (["quote"], "premium: error: missing --region (e.g. beita, 北塔区)"),
        (["quote", "--region", "dongzhi", "--year", "2021", "--born", "2021-05-01", "--paid-on", "2021-04-01"], "premium: error: payment date 2021-04-01 is before the date of birth 2021-05-01"),
        (["quote", "--region", "beita", "--year", "2021", "--lang", "fr"], "premium: error: invalid --lang 'fr': use zh or en"),
    ])
    func badInput(arguments: [String], message: String) {
        let result = runCLI(arguments)
        #expect(result.status == .usage)
        #expect(result.output.isEmpty)
        // A known command's error points to its own help.
        let help = arguments.first == "quote" ? "premium quote --help" : "premium --help"
        #expect(result.errors == message + "\nRun '\(help)' for usage.\n")
    }

    @Test func categoryFromAnotherRegionListsThisRegionsCategories() {
        let result = runCLI(["quote", "--region", "beita", "--year", "2021", "--category", "tuibu-yumin"])
        #expect(result.status == .usage)
        #expect(result.errors.hasPrefix("premium: error: region 'beita' has no category 'tuibu-yumin'; its categories: tekun (特困供养人员), guer (孤儿)"))
    }

    @Test func malformedPolicyDirectoryIsExit65NamingFileAndPath() throws {
        let directory = try PolicyDirectoryTests.copy()
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("x"), withIntermediateDirectories: true)
        try Data(#"{"region": "x", "year": "2021"}"#.utf8).write(to: directory.appendingPathComponent("x/2021.json"))
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = runCLI(["quote", "--region", "x", "--policy-dir", directory.path])
        #expect(result.status == .dataError)
        #expect(result.errors == "premium: error: x/2021.json: at year: expected a whole number, got a string\n")
        let missing = runCLI(["quote", "--region", "x"], environment: ["PREMIUM_POLICY_DIR": directory.path + "/nope"])
        #expect(missing.status == .noInput)
    }

    @Test func helpListsEverySituationFlagAndExamples() {
        let viaFlag = runCLI(["quote", "--help"])
        let viaHelp = runCLI(["help", "quote"])
        #expect(viaFlag.status == .success)
        #expect(viaFlag.output == viaHelp.output)
        for situation in Situation.allCases { #expect(viaFlag.output.contains("--\(situation.rawValue)")) }
        #expect(viaFlag.output.contains("premium quote --region beita --category dibao"))
    }
}

struct HelpTests {
    /// Found by the argv fuzzer: `help --help` used to recurse until the stack overflowed.
    @Test("help never recurses", arguments: [["help", "--help"], ["--help", "help"], ["help", "help"], ["-h", "-h"], ["help"], []])
    func helpShowsTheOverview(arguments: [String]) {
        let result = runCLI(arguments)
        #expect(result.status == .success)
        #expect(result.output.hasPrefix("OVERVIEW: premium"))
    }

    @Test("every command has help, by 'help X' and 'X --help', with examples that run",
          arguments: PremiumCLI.commands.map(\.name).filter { $0 != "help" })
    func everyCommandHasHelp(command: String) {
        let viaHelp = runCLI(["help", command]), viaFlag = runCLI([command, "--help"])
        #expect(viaHelp.status == .success && viaFlag.status == .success)
        #expect(viaHelp.output == viaFlag.output)
        #expect(viaHelp.output.contains("USAGE: premium \(command)"))
        let examples = viaHelp.output.split(separator: "\n").drop { $0 != "EXAMPLES:" }.dropFirst()
            .prefix { $0.hasPrefix("  ") }.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(!examples.isEmpty, "help for \(command) has examples")
        // Examples without shell redirection run as written, against the built-in data.
        for example in examples where !example.contains(where: { "<>~|#".contains($0) }) && example.hasPrefix("premium ") {
            var words = example.split(separator: " ").dropFirst().map(String.init)
            if let index = words.firstIndex(of: "PolicyData") { words[index] = packageRoot.appendingPathComponent("PolicyData").path }
            let result = runCLI(words)
            #expect(result.status == .success || result.status == .notEnrollable, "\(example): \(result.errors)")
        }
    }

    @Test func helpForBatchAndUnknownTopics() {
        #expect(runCLI(["help", "batch"]).output.contains("premium batch [FILE|-]"))
        #expect(runCLI(["help", "qoute"]).errors.hasPrefix("premium: error: unknown command 'qoute'; did you mean 'quote'?"))
    }

    @Test func versionNamesThePolicyDataAndItsHash() {
        let result = runCLI(["--version"])
        #expect(result.output.hasPrefix("premium 0.1.0\npolicy data "))
        let compiled = try! PolicyStore.embedded().policies.map { "\($0.id) \($0.year)" }.joined(separator: ", ")
        #expect(result.output.hasSuffix(": " + compiled + "\n"))
        #expect(compiled.contains("beita 2021") && compiled.contains("zhuji 2023"))
        #expect(result.output.contains(PolicyStore.contentHash(of: PolicyStore.embeddedFiles)))
    }
}
