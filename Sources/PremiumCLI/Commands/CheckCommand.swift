import PolicyKit
import ResidentIO

/// `premium check`: validates policy data and lists every problem as
/// `FILE: at JSON.PATH: message`.
enum CheckCommand {
    static let options: [OptionSpec] = [
        .value("policy-dir", "dir", zh: "检查 DIR 下的政策文件（默认：$PREMIUM_POLICY_DIR，否则为内置数据）。",
               en: "Check the policy files below DIR (default: $PREMIUM_POLICY_DIR, else the built-in copy)."),
        .flag("json", zh: "输出 {\"files\": [...], \"notes\": [...], \"problems\": [{\"file\", \"path\", \"message\"}]}。",
              en: "Print {\"files\": [...], \"notes\": [...], \"problems\": [{\"file\", \"path\", \"message\"}]}."),
    ]

    static let info = CommandInfo(
        name: "check",
        summary: LocalizedText(zh: "检查政策数据，逐条列出问题（文件：位置：说明）。",
                               en: "Validate policy data; list every problem as FILE: at PATH: message."),
        help: HelpPage(
            usage: "premium check [--policy-dir <dir>] [--json]",
            overview: LocalizedText(zh: "检查政策数据：每个文件、每个问题，格式为 文件: at JSON路径: 说明（说明为英文，与数据的键一致）。",
                                    en: "Validate policy data: every file, every problem, each as FILE: at JSON.PATH: message."),
            options: options,
            examples: [
                "premium check --policy-dir PolicyData",
                "premium check --policy-dir ~/next-year --json",
            ],
            notes: [
                LocalizedText(
                    zh: "检查内容：JSON 语法和重复的键；未知的键（拼写错误）；不存在的日期；为负或不是整分的金额；没有出处的数值；没有中英文说明的假设；结束早于开始、超出政策年度或与同一人群的缴费期重叠的缴费期；高于所减免费用的资助；对不上的合计；引用了却未定义的类别、资助方和参保途径；重复使用的代码、名称或别名；不在 <地区>/<年度>.json 位置的文件。然后运行每份通知的案例文件 <地区>/<年度>.cases.json，列出答案不符的每个案例。没有案例文件的政策文件计入汇总，不算问题。征缴任务：重复的村名、不是正整数的任务数或人口数、有空档的扣分区间。各村合计与通知所述总数不符时记为说明（note），不算问题，两个数都按原文保留。其他命令加载政策数据时也做同样的检查。",
                    en: "Checks: JSON syntax and duplicate keys; unknown keys (typos); dates that do not exist; amounts that are negative or not whole fen; values with no source; assumptions without a note in both languages; windows that end before they start, lie outside the policy year, or overlap a window for the same residents; a subsidy above the fee it reduces; stated totals that do not add up; categories, funders and routes referenced but not defined; the same id, name or alias used twice; a file not at <region>/<year>.json. Then it runs each notice's case file, <region>/<year>.cases.json, and prints every case whose answer differs (zhuji/2023.cases.json: case \"dibao-feb-28\": payable 80, expected 50). A policy file without a case file is counted in the summary, not as a problem. Collection targets: a village named twice, a task or population that is not a positive whole number, scoring bands with gaps. Village rows that do not add up to a total the notice states are a note, not a problem; both figures are kept as printed (nancheng/2021.json: at targets.villages: note: the 18 villages' tasks add up to 55202; …). Every other command applies the same checks when it loads policy data."),
                LocalizedText(zh: "退出状态：0 没有问题（说明不算问题）；65 发现问题；66 目录不存在。",
                              en: "EXIT STATUS: 0 no problems (notes do not count); 65 problems found; 66 the directory does not exist."),
            ]),
        options: options)

    static func run(_ arguments: ArraySlice<String>, context: CommandContext) throws(CLIError) -> CommandResult {
        let parsed = try FlagParser(options: options).parse(arguments)
        guard parsed.positionals.isEmpty else { throw .usage(zh: "check 不带参数；请用 --policy-dir <dir>", en: "check takes no arguments; use --policy-dir <dir>") }
        let files: [(path: String, bytes: [UInt8])]
        do {
            files = try context.policyFiles(parsed)
        } catch {
            throw CLIError(error)
        }
        let report = PolicyCheck.report(files)
        let problems = report.problems
        let status: ExitCode = problems.isEmpty ? .success : .dataError
        guard !parsed.flags.contains("json") else {
            var json = JSONWriter(pretty: true)
            json.beginObject()
            json.key("cases"); json.int(report.cases)
            json.key("files"); json.strings(files.map(\.path))
            json.key("notes")
            json.beginArray()
            for note in report.notes {
                json.element()
                json.beginObject()
                json.key("file"); json.string(note.file)
                json.key("message"); json.string(note.message)
                json.key("path"); json.string(note.path)
                json.endObject()
            }
            json.endArray()
            json.key("problems")
            json.beginArray()
            for problem in problems {
                json.element()
                json.beginObject()
                if case .invalidData(let file, let path, let message) = problem {
                    json.key("file"); json.string(file)
                    json.key("message"); json.string(message)
                    json.key("path"); json.string(path)
                } else {
                    json.key("message"); json.string(problem.description)
                }
                json.endObject()
            }
            json.endArray()
            json.key("without_cases"); json.strings(report.withoutCases)
            json.endObject()
            return CommandResult(output: json.text, status: status)
        }
        var text = problems.map { Echo.line($0.description) + "\n" }.joined()
        text += report.notes.map { Echo.line($0.description) + "\n" }.joined()
        let without = report.withoutCases.isEmpty ? "" : " (\(report.withoutCases.count) without a case file)"
        let checked = "checked \(report.policyFiles) policy file(s)\(without) and \(report.cases) case(s) in \(report.caseFiles) case file(s)"
        let notes = report.notes.isEmpty ? "" : "; \(report.notes.count) note(s)"
        text += (problems.isEmpty ? checked + ": no problems" : checked + ": \(problems.count) problem(s)") + notes + "\n"
        return CommandResult(output: text, status: status)
    }
}
