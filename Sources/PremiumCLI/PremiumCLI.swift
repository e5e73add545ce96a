import PolicyKit

/// The `premium` command line, as a library: `run` never exits and never touches the
/// process, so tests call it in-process; `Sources/premium/main.swift` is a shim over it.
public enum PremiumCLI {
    /// The version printed by `premium --version`.
    public static let version = "0.1.0"

    static let commands: [(name: String, summary: String)] = [
        ("quote", "One resident's amount and cover dates."),
        ("batch", "A whole roster (JSON Lines or CSV) in, one result per resident out."),
        ("help", "Show help for a command."),
    ]

    static var help: String {
        var text = """
        OVERVIEW: premium — urban-rural resident basic medical insurance (城乡居民医保) calculator.
        Answers, from each region's published notice: how much do I pay this year, and
        from which day am I covered?

        USAGE: premium <command> [options]

        COMMANDS:

        """
        for command in commands { text += "  " + DisplayWidth.pad(command.name, to: 10) + command.summary + "\n" }
        text += """

        Run 'premium help <command>' or 'premium <command> --help' for a command's options.

        EXIT STATUS: 0 ok; 1 the resident cannot join on that date; 64 usage error;
        65 bad policy data or bad batch records; 66 missing input; 70 internal error.

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
        do {
            if arguments.first == "batch" {
                return try BatchCommand.run(arguments.dropFirst(), context: context, input: &input, output: &output, errors: &errors)
            }
            let result = try dispatch(arguments[...], context: context)
            output.write(result.output)
            return result.status
        } catch {
            errors.write("premium: error: \(error.message)\n")
            if error.status == .usage { errors.write("Run 'premium --help' for usage.\n") }
            return error.status
        }
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
        switch command {
        case "quote": return try QuoteCommand.run(rest, context: context)
        case "batch" where rest.contains("--help") || rest.contains("-h"): return CommandResult(output: BatchCommand.help)
        case "help", "-h", "--help":
            // `help <command>` shows that command's help; anything else, the overview.
            guard let topic = rest.first, commands.contains(where: { $0.name == topic && $0.name != "help" }) else {
                if let topic = rest.first, command == "help", !topic.hasPrefix("-"), topic != "help" {
                    throw .usage("unknown command '\(topic)'" + Suggestion.didYouMean(topic, among: commands.map(\.name)))
                }
                return CommandResult(output: help)
            }
            if topic == "batch" { return CommandResult(output: BatchCommand.help) }
            return try dispatch([topic, "--help"], context: context)
        case "--version", "version":
            return try CommandResult(output: versionText(context: context))
        default:
            throw .usage("unknown command '\(command)'" + Suggestion.didYouMean(command, among: commands.map(\.name)))
        }
    }
}
