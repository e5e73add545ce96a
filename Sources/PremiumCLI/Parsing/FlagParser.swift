import PolicyKit
import ResidentIO

/// What a command line said: flags, values, repeated values, positionals.
struct ParsedArguments: Equatable {
    var flags: Set<String> = []
    var values: [String: String] = [:]
    var repeated: [String: [String]] = [:]
    var positionals: [String] = []
    var helpRequested = false
}

/// A small GNU-style parser: `--name value`, `--name=value`, `--flag`, `--`, `-h`/`--help`.
struct FlagParser {
    var options: [OptionSpec]

    func parse(_ arguments: some Sequence<String>) throws(CLIError) -> ParsedArguments {
        var result = ParsedArguments()
        var remaining = arguments.makeIterator()
        while let argument = remaining.next() {
            if argument == "--" {
                while let positional = remaining.next() { result.positionals.append(positional) }
                break
            }
            if argument == "-h" || argument == "--help" { result.helpRequested = true; continue }
            guard argument.hasPrefix("-"), argument != "-" else { result.positionals.append(argument); continue }
            guard argument.hasPrefix("--") else {
                throw .usage("unknown option '\(argument)' (options are spelled --long-name)")
            }
            let body = argument.dropFirst(2)
            let name = String(body.prefix { $0 != "=" })
            let inlineValue = body.firstIndex(of: "=").map { String(body[body.index(after: $0)...]) }
            guard let option = options.first(where: { $0.name == name }) else {
                throw .usage("unknown option '--\(name)'" + Suggestion.didYouMean(name, among: options.map(\.name), prefix: "--"))
            }
            switch option.kind {
            case .flag:
                guard inlineValue == nil else { throw .usage("option '--\(name)' does not take a value") }
                result.flags.insert(name)
            case .value(let placeholder), .repeated(let placeholder):
                guard let value = inlineValue ?? remaining.next(), inlineValue != nil || !value.hasPrefix("--") else {
                    throw .usage("missing value for '--\(name) <\(placeholder)>'")
                }
                guard !value.isEmpty else { throw .usage("empty value for '--\(name) <\(placeholder)>'") }
                if case .repeated = option.kind {
                    result.repeated[name, default: []].append(value)
                } else if result.values.updateValue(value, forKey: name) != nil {
                    throw .usage("option '--\(name)' given more than once")
                }
            }
        }
        return result
    }
}

/// Renders `--help`: overview, usage, examples, then options in an aligned column.
func helpText(usage: String, overview: String, options: [OptionSpec], examples: [String] = []) -> String {
    let rows = options.map { ($0.synopsis, $0.help) } + [("-h, --help", "Show this help and exit.")]
    let width = rows.map(\.0.count).max()! + 2
    var text = "OVERVIEW: \(overview)\n\nUSAGE: \(usage)\n"
    if !examples.isEmpty {
        text += "\nEXAMPLES:\n" + examples.map { "  \($0)\n" }.joined()
    }
    text += "\nOPTIONS:\n"
    for (synopsis, help) in rows {
        text += "  " + synopsis + String(repeating: " ", count: width - synopsis.count) + help + "\n"
    }
    return text
}
