import PolicyKit
import ResidentIO

/// The `premium` command line, as a library: `run` never exits and never touches the
/// process, so tests call it in-process; `Sources/premium/main.swift` is a shim over it.
public enum PremiumCLI {
    /// The version printed by `premium --version`.
    public static let version = "0.1.0"

    /// Every command, in the order the overview lists them.
    static let commands: [CommandInfo] = [
        QuoteCommand.info, ExplainCommand.info, BatchCommand.info, RegionsCommand.info, CategoriesCommand.info,
        CalendarCommand.info, CheckCommand.info, CompletionCommand.info,
        CommandInfo(name: "help", summary: LocalizedText(zh: "显示某个命令的帮助：premium help <命令>。", en: "Show help for a command: premium help <command>."),
                    help: nil, options: []),
    ]

    /// `premium` alone, `premium --help`: what the tool is, its commands, its exit statuses.
    static func help(_ language: Language, width: Int) -> String {
        let zh = language == .zh
        let about = zh
            ? "premium：城乡居民基本医疗保险缴费计算器。依据各地发布的通知回答：今年我缴多少钱？从哪天起享受待遇？"
            : "premium — urban-rural resident basic medical insurance (城乡居民医保) calculator. Answers, from each region's published notice: how much do I pay this year, and from which day am I covered?"
        var text = (zh ? "概述：" : "OVERVIEW: ") + TextWrap.hanging(about, width: width, indent: zh ? 6 : 10) + "\n\n"
        text += (zh ? "用法：premium <命令> [选项]" : "USAGE: premium <command> [options]") + "\n\n"
        text += (zh ? "命令：" : "COMMANDS:") + "\n"
        text += HelpPage.table(commands.map { ($0.name, $0.summary(language)) }, width: width) + "\n"
        let more = zh ? "运行 premium help <命令> 或 premium <命令> --help 查看该命令的选项。"
            : "Run 'premium help <command>' or 'premium <command> --help' for a command's options."
        let status = zh
            ? "退出状态：0 成功；1 该居民在该日期不能参保；64 用法错误；65 政策数据或名册记录有误；66 输入不存在；70 内部错误；73 无法创建输出文件；74 读写失败。"
            : "EXIT STATUS: 0 ok; 1 the resident cannot join on that date; 64 usage error; 65 bad policy data or bad batch records; 66 missing input; 70 internal error; 73 an output file cannot be created; 74 a read or write failed."
        let locale = zh
            ? "语言：--lang zh|en；默认取自 LC_ALL、LC_MESSAGES、LANG（第一个非空者）：zh*、C、POSIX 或未设置时为中文，其他为英文。"
            : "LANGUAGE: --lang zh|en; by default from LC_ALL, LC_MESSAGES, LANG (the first not empty): Chinese for zh*, C, POSIX or none, else English."
        for paragraph in [more, status, locale] { text += TextWrap.lines(paragraph, width: width).joined(separator: "\n") + "\n\n" }
        return String(text.dropLast())
    }

    /// Runs one invocation with no input (tests of commands that read none).
    public static func run(
        _ arguments: [String], environment: [String: String] = [:],
        today: CivilDate = CivilDate(year: 2026, month: 1, day: 1)!, width: Int = 80,
        output: inout some ByteSink, errors: inout some TextOutputStream
    ) -> ExitCode {
        var input = MemorySource([])
        return run(arguments, environment: environment, today: today, width: width, input: &input, output: &output, errors: &errors)
    }

    /// Runs one invocation: results go to `output`, diagnostics to `errors`.
    public static func run(
        _ arguments: [String],
        environment: [String: String] = [:],
        today: CivilDate = CivilDate(year: 2026, month: 1, day: 1)!,
        width: Int = 80,
        input: inout some ByteSource,
        output: inout some ByteSink,
        errors: inout some TextOutputStream
    ) -> ExitCode {
        let language = LanguageChoice.forArguments(arguments, environment: environment)
        let context = CommandContext(environment: environment, today: today,
                                     language: LanguageChoice.fromEnvironment(environment), width: width)
        do throws(CLIError) {
            let status: ExitCode
            if arguments.first == "batch" {
                status = try BatchCommand.run(arguments.dropFirst(), context: context, input: &input, output: &output, errors: &errors)
            } else {
                let result = try dispatch(arguments[...], context: context)
                output.write(result.output)
                status = result.status
            }
            if let code = output.writeError { throw CLIError.cannotWrite(.standardOutput, code) }
            return status
        } catch {
            errors.write(errorLine(error, language))
            if error.status == .usage {
                // The command's own help when the command is known.
                let topic = arguments.first.flatMap { name in commands.first { $0.name == name && $0.help != nil } }.map { "premium \($0.name) --help" }
                    ?? "premium --help"
                errors.write(language == .zh ? "运行 \(topic) 查看用法。\n" : "Run '\(topic)' for usage.\n")
            }
            return error.status
        }
    }

    /// `premium: 错误：…` or `premium: error: …`, one line.
    static func errorLine(_ error: CLIError, _ language: Language) -> String {
        (language == .zh ? "premium: 错误：" : "premium: error: ") + Echo.message(error.message(language)) + "\n"
    }

    /// The language of this invocation's messages (`--lang`, else the environment's),
    /// for `finish`.
    public static func messageLanguage(_ arguments: [String], environment: [String: String]) -> Language {
        LanguageChoice.forArguments(arguments, environment: environment)
    }

    /// Closes stdout once `run` has returned `status`: a failed close (a delayed write
    /// error) is reported like a failed write, exit 74. So is a failed write to stderr
    /// (a summary, a note) on a run that would otherwise have succeeded: nothing the
    /// run meant to say may be lost silently.
    public static func finish(_ status: ExitCode, language: Language = .zh, output: inout FileDescriptorSink,
                              errors: inout FileDescriptorSink) -> ExitCode {
        let failed = output.writeError != nil
        if let code = output.close(), !failed {
            errors.write(errorLine(.cannotWrite(.standardOutput, code), language))
            return .ioError
        }
        if errors.writeError != nil, status == .success || status == .notEnrollable || status == .dataError { return .ioError }
        return status
    }

    /// `premium --version`: the version, the region-years compiled in, and their hash.
    static func versionText(context: CommandContext) throws(CLIError) -> String {
        let store = try context.store(ParsedArguments())
        let files = context.environment["PREMIUM_POLICY_DIR"].flatMap { try? PolicyStore.files(in: $0) } ?? PolicyStore.embeddedFiles
        var text = "premium \(version)\npolicy data \(PolicyStore.contentHash(of: files)):"
        for policy in store.policies { text += " \(policy.id) \(policy.year)," }
        return String(text.dropLast()) + "\n"
    }

    static func dispatch(_ arguments: ArraySlice<String>, context: CommandContext) throws(CLIError) -> CommandResult {
        guard let command = arguments.first else { return CommandResult(output: help(context.language, width: context.width)) }
        let rest = arguments.dropFirst()
        if command == "help" || command == "-h" || command == "--help" {
            // `help <command>` shows that command's help; `help` alone, the overview.
            let language = LanguageChoice.given(in: rest) ?? context.language
            var words = rest.makeIterator(), topic: String?
            while topic == nil, let word = words.next() {
                if word == "--lang" { _ = words.next() } else if !word.hasPrefix("-") { topic = word }
            }
            guard let topic else { return CommandResult(output: help(language, width: context.width)) }
            guard let info = commands.first(where: { $0.name == topic }) else { throw unknownCommand(topic) }
            return CommandResult(output: helpText(of: info, language: language, context: context))
        }
        if command == "--version" || command == "version" {
            return try CommandResult(output: versionText(context: context))
        }
        guard let info = commands.first(where: { $0.name == command }) else { throw unknownCommand(command) }
        // `premium <command> --help` anywhere before a `--`.
        let options = rest.prefix(while: { $0 != "--" })
        if options.contains(where: { $0 == "--help" || $0 == "-h" }) {
            return CommandResult(output: helpText(of: info, language: LanguageChoice.given(in: options) ?? context.language, context: context))
        }
        switch command {
        case "quote": return try QuoteCommand.run(rest, context: context)
        case "explain": return try ExplainCommand.run(rest, context: context)
        case "check": return try CheckCommand.run(rest, context: context)
        case "regions": return try RegionsCommand.run(rest, context: context)
        case "categories": return try CategoriesCommand.run(rest, context: context)
        case "calendar": return try CalendarCommand.run(rest, context: context)
        case "completion": return try CompletionCommand.run(rest, context: context)
        default: throw CLIError(zh: "命令“\(command)”没有处理程序", en: "command '\(command)' has no handler", status: .software)
        }
    }

    /// A command's help page, with how each notice words the situations where it lists them.
    static func helpText(of info: CommandInfo, language: Language, context: CommandContext) -> String {
        guard let page = info.help else { return help(language, width: context.width) }
        return page.render(language, width: context.width) + QuoteCommand.regionalWording(for: info, context: context)
    }

    static func unknownCommand(_ typed: String) -> CLIError {
        let hint = Suggestion.closest(typed, among: commands.map(\.name)).map { Suggestion.hint(zh: "“\($0)”", en: "'\($0)'") }
        return .usage(LocalizedText(zh: "未知命令“\(typed)”", en: "unknown command '\(typed)'") + (hint ?? LocalizedText(verbatim: "")))
    }
}
