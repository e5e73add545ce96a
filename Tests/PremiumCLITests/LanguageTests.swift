import Foundation
import PolicyKit
@testable import PremiumCLI
@testable import ResidentIO
import Testing

/// Issue 14: every message a clerk sees is Chinese by default, English with `--lang en`
/// or an English locale.
struct LanguageTests {
    /// Runs in-process with exactly `environment` (no English default).
    static func run(_ arguments: [String], _ environment: [String: String], width: Int = 80) -> (status: ExitCode, output: String, errors: String) {
        var output = "", errors = ""
        let status = PremiumCLI.run(arguments, environment: environment, width: width, output: &output, errors: &errors)
        return (status, output, errors)
    }

    @Test("the locale decides the default language", arguments: [
        ([:], Language.zh), (["LANG": "C"], .zh), (["LANG": "POSIX"], .zh), (["LANG": "C.UTF-8"], .zh),
        (["LANG": "zh_CN.UTF-8"], .zh), (["LANG": "zh_TW.Big5"], .zh), (["LANG": "en_US.UTF-8"], .en), (["LANG": "de_DE"], .en),
        (["LANG": "zh_CN.UTF-8", "LC_ALL": "en_GB.UTF-8"], .en), (["LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN"], .zh),
        (["LANG": "en_US.UTF-8", "LC_ALL": ""], .en),
    ])
    func localeDecides(environment: [String: String], expected: Language) {
        #expect(LanguageChoice.fromEnvironment(environment) == expected)
        let result = Self.run(["quote", "--region", "北塔去"], environment)
        #expect(result.status == .usage)
        #expect(result.errors.hasPrefix(expected == .zh ? "premium: 错误：" : "premium: error: "), "\(result.errors)")
    }

    @Test func chineseByDefaultWithAChineseDidYouMeanAndTheHint() {
        let result = Self.run(["quote", "--region", "北塔去"], [:])
        #expect(result.errors == "premium: 错误：没有地区“北塔去”；您是否要输入北塔区（beita）？\n运行 premium quote --help 查看用法。\n")
        // --lang wins over the locale, for messages that come before the flags are parsed too.
        let english = Self.run(["quote", "--regoin", "beita", "--lang", "en"], ["LANG": "zh_CN.UTF-8"])
        #expect(english.errors == "premium: error: unknown option '--regoin'; did you mean '--region'?\nRun 'premium quote --help' for usage.\n")
        let chinese = Self.run(["quote", "--regoin", "beita", "--lang=zh"], ["LANG": "en_US.UTF-8"])
        #expect(chinese.errors.hasPrefix("premium: 错误：未知选项“--regoin”；您是否要输入“--region”？\n"))
    }

    @Test func anUnknownCategoryListsTheRegionsGroupsByChineseNameAndPointsToCategories() {
        // beita 二(四): the notice's groups, by Chinese name.
        let result = Self.run(["quote", "--region", "beita", "--year", "2021", "--category", "退捕渔民"], [:])
        #expect(result.status == .usage)
        #expect(result.errors.hasPrefix("premium: 错误：北塔区没有人员类别“退捕渔民”；该地区的人员类别：特困供养人员（tekun）、孤儿（guer）、"))
        #expect(result.errors.contains("城乡低保对象（dibao）"))
        #expect(result.errors.contains("；详见 premium categories --region beita\n"))
        // A near miss of a Chinese name gets its did-you-mean.
        let near = Self.run(["quote", "--region", "北塔区", "--category", "特困供养人"], [:])
        #expect(near.errors.hasPrefix("premium: 错误：北塔区没有人员类别“特困供养人”；您是否要输入特困供养人员（tekun）？\n"))
    }

    @Test func batchLineErrorsFollowTheLanguage() throws {
        let input = #"{"region":"beita","year":2021,"paid_on":"2021-13-01"}"# + "\n"
        for (language, expected) in [("zh", "缴费日期“2021-13-01”不是有效的日期"), ("en", "invalid date '2021-13-01' for paid_on")] {
            var source = MemorySource(Array(input.utf8))
            var output = "", errors = ""
            _ = PremiumCLI.run(["batch", "--lang", language], environment: [:], input: &source, output: &output, errors: &errors)
            #expect(output.contains(expected), "\(output)")
        }
    }

    @Test func helpIsChineseByDefaultAndWrappedToTheWidth() {
        for width in [40, 80, 120] {
            for (environment, heading) in [([String: String](), "选项："), (["LANG": "en_US.UTF-8"], "OPTIONS:")] {
                for arguments in [["batch", "--help"], ["help", "quote"], ["--help"], ["help", "categories"]] {
                    let result = Self.run(arguments, environment, width: width)
                    #expect(result.status == .success)
                    #expect(result.output.contains(heading) || arguments == ["--help"], "\(arguments)")
                    // Every line fits, but the examples (commands to copy whole).
                    let prose = result.output.split(separator: "\n").filter { !$0.hasPrefix("  premium ") && !$0.hasPrefix("  source ") && !$0.hasPrefix("  echo ") }
                    for line in prose {
                        #expect(DisplayWidth.of(String(line)) <= width, "\(width) \(arguments): \(line)")
                    }
                }
            }
        }
        #expect(Self.run(["--help"], [:]).output.hasPrefix("概述：premium：城乡居民基本医疗保险缴费计算器。"))
        #expect(Self.run(["help", "--lang", "en"], [:]).output.hasPrefix("OVERVIEW: premium — urban-rural"))
    }

    @Test func chineseTextBreaksBetweenCharactersButNotBeforeClosingPunctuation() {
        let lines = TextWrap.lines("缴费日期（默认：按在集中缴费期内缴费计算，结果会注明）。", width: 20)
        // 20 columns hold 10 Chinese characters; “算，” stays together; a line may start with “（”.
        #expect(lines == ["缴费日期（默认：按在", "集中缴费期内缴费计", "算，结果会注明）。"])
        #expect(TextWrap.lines("一二三四五六七八（九十）", width: 16) == ["一二三四五六七八", "（九十）"])
        #expect(TextWrap.lines("Day of payment (default: inside the window).", width: 20) == ["Day of payment", "(default: inside the", "window)."])
    }

    @Test func systemErrorsAreChineseForTheFailuresAClerkMeets() {
        #expect(systemMessage(ENOSPC).zh == "磁盘空间已满")
        #expect(systemMessage(ENOENT).zh == "文件或目录不存在")
        #expect(systemMessage(ENOSPC).en == "No space left on device")
        let missing = Self.run(["batch", "/nonexistent/名册.csv"], [:])
        #expect(missing.status == .noInput)
        #expect(missing.errors == "premium: 错误：无法打开输入文件“/nonexistent/名册.csv”：文件或目录不存在\n")
    }
}
