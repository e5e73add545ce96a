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
        CommandInfo(name: "help", summary: "Show help for a command: premium help <command>.", help: "", options: []),
    ]

    static var help: String {
        var text = """
        OVERVIEW: premium — urban-rural resident basic medical insurance (城乡居民医保) calculator.
        Answers, from each region's published notice: how much do I pay this year, and
        from which day am I covered?

        USAGE: premium <command> [options]

        COMMANDS:

        """
        for command in commands { text += "  " + DisplayWidth.pad(command.name, to: 12) + command.summary + "\n" }
        text += """

        Run 'premium help <command>' or 'premium <command> --help' for a command's options.

        EXIT STATUS: 0 ok; 1 the resident cannot join on that date; 64 usage error;
        65 bad policy data or bad batch records; 66 missing input; 70 internal error;
        73 an output file cannot be created; 74 a read or write failed.

        """
        return text
    }

    /// Runs one invocation with no input (tests of commands that read none).
    public static func run(
        _ arguments: [String], environment: [String: String] = [:],
        today: CivilDate = CivilDate(year: 2026, month: 1, day: 1)!,
        output: inout some ByteSink, errors: inout some TextOutputStream
    ) -> ExitCode {
        var input = MemorySource([])
        return run(arguments, environment: environment, today: today, input: &input, output: &output, errors: &errors)
    }

    /// Runs one invocation: results go to `output`, diagnostics to `errors`.
    public static func run(
        _ arguments: [String],
        environment: [String: String] = [:],
        today: CivilDate = CivilDate(year: 2026, month: 1, day: 1)!,
        input: inout some ByteSource,
        output: inout some ByteSink,
        errors: inout some TextOutputStream
    ) -> ExitCode {
        let context = CommandContext(environment: environment, today: today)
        do throws(CLIError) {
            let status: ExitCode
            if arguments.first == "batch" {
                status = try BatchCommand.run(arguments.dropFirst(), context: context, input: &input, output: &output, errors: &errors)
            } else {
                let result = try dispatch(arguments[...], context: context)
                output.write(result.output)
                status = result.status
            }
            if let code = output.writeError { throw CLIError.cannotWrite("standard output", code) }
            return status
        } catch {
            errors.write("premium: error: \(Echo.message(error.message))\n")
            if error.status == .usage { errors.write("Run 'premium --help' for usage.\n") }
            return error.status
        }
    }

    /// Closes stdout once `run` has returned `status`: a failed close (a delayed write
    /// error) is reported like a failed write, exit 74. So is a failed write to stderr
    /// (a summary, a note) on a run that would otherwise have succeeded: nothing the
    /// run meant to say may be lost silently.
    public static func finish(_ status: ExitCode, output: inout FileDescriptorSink, errors: inout FileDescriptorSink) -> ExitCode {
        let failed = output.writeError != nil
        if let code = output.close(), !failed {
            errors.write("premium: error: \(CLIError.cannotWrite("standard output", code).message)\n")
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
        guard let command = arguments.first else { return CommandResult(output: help) }
        let rest = arguments.dropFirst()
        if command == "help" || command == "-h" || command == "--help" {
            // `help <command>` shows that command's help; `help` alone, the overview.
            guard let topic = rest.first, !topic.hasPrefix("-") else { return CommandResult(output: help) }
            guard let info = commands.first(where: { $0.name == topic }) else {
                throw .usage("unknown command '\(topic)'" + Suggestion.didYouMean(topic, among: commands.map(\.name)))
            }
            return CommandResult(output: info.help.isEmpty ? help : info.help + QuoteCommand.regionalWording(for: info, context: context))
        }
        if command == "--version" || command == "version" {
            return try CommandResult(output: versionText(context: context))
        }
        guard let info = commands.first(where: { $0.name == command }) else {
            throw .usage("unknown command '\(command)'" + Suggestion.didYouMean(command, among: commands.map(\.name)))
        }
        // `premium <command> --help` anywhere before a `--`.
        if rest.prefix(while: { $0 != "--" }).contains(where: { $0 == "--help" || $0 == "-h" }) {
            return CommandResult(output: info.help + QuoteCommand.regionalWording(for: info, context: context))
        }
        switch command {
        case "quote": return try QuoteCommand.run(rest, context: context)
        case "explain": return try ExplainCommand.run(rest, context: context)
        case "check": return try CheckCommand.run(rest, context: context)
        case "regions": return try RegionsCommand.run(rest, context: context)
        case "categories": return try CategoriesCommand.run(rest, context: context)
        case "calendar": return try CalendarCommand.run(rest, context: context)
        case "completion": return try CompletionCommand.run(rest, context: context)
        default: throw CLIError(message: "command '\(command)' has no handler", status: .software)
        }
    }
}
