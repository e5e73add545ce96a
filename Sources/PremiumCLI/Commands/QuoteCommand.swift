import PolicyKit
import ResidentIO

/// `premium quote`: one resident's amount and cover dates.
enum QuoteCommand {
    /// The options that describe a resident; shared with `explain` and batch fields.
    static let residentOptions: [OptionSpec] = ResidentField.all.map(\.option)

    static let outputOptions: [OptionSpec] = [
        .flag("json", zh: "输出一个 JSON 对象（键为 snake_case，金额以元为单位）。", en: "Print one JSON object (snake_case keys, amounts in yuan)."),
        .value("lang", "zh|en", zh: "输出和提示信息的语言（默认取自 LC_ALL/LC_MESSAGES/LANG：中文环境、C、POSIX 或未设置时为中文，其他为英文）。",
               en: "Language of output and messages (default from LC_ALL/LC_MESSAGES/LANG: Chinese for zh*, C, POSIX or none, else English)."),
        .value("policy-dir", "dir", zh: "从 DIR 读取政策数据，而不用内置数据（也可用 $PREMIUM_POLICY_DIR）。",
               en: "Read policy data from DIR instead of the built-in copy (also $PREMIUM_POLICY_DIR)."),
    ]

    static let options = residentOptions + outputOptions

    static let info = CommandInfo(
        name: "quote", summary: LocalizedText(zh: "计算一位居民的缴费金额和待遇起止日期。", en: "One resident's amount and cover dates."),
        help: help, options: options)

    static let help = HelpPage(
        usage: "premium quote --region <region> [--category <id>]... [--paid-on <date>] [options]",
        overview: LocalizedText(zh: "居民今年应缴多少钱，从哪天起享受待遇。", en: "How much a resident pays this year, and from which day he is covered."),
        options: options,
        examples: [
            "premium quote --region beita --category dibao",
            "premium quote --region 南城 --tier 2 --category 建档立卡 --json",
            "premium quote --region nanan --paid-on 2024-03-15 --lang en",
            "premium quote --region zhuji --left-employee-insurance 2022-12-31",
            "premium quote --region dongzhi --born 2021-03-31 --paid-on 2021-06-30",
        ],
        notes: [LocalizedText(zh: "退出状态：0 可参保；1 该居民在该日期不能参保；64 用法错误；65 政策数据有误。",
                              en: "EXIT STATUS: 0 enrollable; 1 the resident cannot join on that date; 64 usage error; 65 bad policy data.")])

    /// For help that lists the situation flags: how each notice words a situation where
    /// it differs from the generic wording (nancheng's students are 在渝高校大学生 only).
    /// Read from the policy data when help is shown, never on the quote path.
    static func regionalWording(for info: CommandInfo, context: CommandContext) -> String {
        guard info.options.contains(where: { $0.name == Situation.student.rawValue }),
              let store = try? context.store(ParsedArguments()) else { return "" }
        var text = ""
        for situation in Situation.allCases {
            let wordings = store.policies.compactMap { policy in
                policy.situationNames[situation].map { "\(policy.id) \(policy.year): \($0.zh)" }
            }
            guard !wordings.isEmpty else { continue }
            text += "  --\(situation.rawValue)\n"
                + wordings.map { "      " + TextWrap.hanging($0, width: context.width, indent: 8) + "\n" }.joined()
        }
        let heading = TextWrap.lines("各地通知的表述（AS EACH NOTICE WORDS THEM）：", width: context.width).joined(separator: "\n")
        return text.isEmpty ? "" : "\n" + heading + "\n" + text
    }

    /// Builds a request from parsed flags.
    static func request(from parsed: ParsedArguments) throws(CLIError) -> QuoteRequest {
        guard parsed.positionals.isEmpty else {
            throw .usage(zh: "多余的参数“\(parsed.positionals[0])”", en: "unexpected argument '\(parsed.positionals[0])'")
        }
        var request = QuoteRequest()
        for field in ResidentField.all {
            switch field.kind {
            case .categories:
                request.categories = parsed.repeated[field.flag] ?? []
            case .situation(let situation):
                if parsed.flags.contains(field.flag) { request.situations.insert(situation) }
            default:
                request.values[field.index] = parsed.values[field.flag]
            }
        }
        return request
    }

    static func run(_ arguments: ArraySlice<String>, context: CommandContext) throws(CLIError) -> CommandResult {
        let parsed = try FlagParser(options: options).parse(arguments)
        let language = try context.language(parsed)
        let (policy, quote) = try compute(parsed, context: context)
        let output = parsed.flags.contains("json")
            ? QuoteJSON.render(quote, policy: policy, language: language)
            : QuoteText.render(quote, policy: policy, language: language)
        return CommandResult(output: output, status: quote.enrollable ? .success : .notEnrollable)
    }

    /// The quote the resident flags describe; shared with `explain`.
    static func compute(_ parsed: ParsedArguments, context: CommandContext) throws(CLIError) -> (policy: RegionPolicy, quote: Quote) {
        let request = try request(from: parsed)
        let store = try context.store(parsed, region: request.region)
        let policy: RegionPolicy, resident: Resident, selection: LocalizedText?
        do {
            (policy, resident, selection) = try request.resolve(in: store, today: context.today, label: ResidentField.flagLabel)
        } catch {
            throw CLIError(error)
        }
        do {
            return (policy, try QuoteEngine(policy: policy, selection: selection).quote(resident))
        } catch {
            throw CLIError(error)
        }
    }
}
