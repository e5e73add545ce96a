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
                throw .usage(zh: "未知选项“\(argument)”（选项写作 --长名称）", en: "unknown option '\(argument)' (options are spelled --long-name)")
            }
            let body = argument.dropFirst(2)
            let name = String(body.prefix { $0 != "=" })
            let inlineValue = body.firstIndex(of: "=").map { String(body[body.index(after: $0)...]) }
            guard let option = options.first(where: { $0.name == name }) else {
                let hint = Suggestion.closest(name, among: options.map(\.name)).map { Suggestion.hint(zh: "“--\($0)”", en: "'--\($0)'") }
                throw .usage(LocalizedText(zh: "未知选项“--\(name)”", en: "unknown option '--\(name)'") + (hint ?? LocalizedText(verbatim: "")))
            }
            switch option.kind {
            case .flag:
                guard inlineValue == nil else { throw .usage(zh: "选项“--\(name)”不带值", en: "option '--\(name)' does not take a value") }
                result.flags.insert(name)
            case .value(let placeholder), .repeated(let placeholder):
                guard let value = inlineValue ?? remaining.next(), inlineValue != nil || !value.hasPrefix("--") else {
                    throw .usage(zh: "缺少“--\(name) <\(placeholder)>”的值", en: "missing value for '--\(name) <\(placeholder)>'")
                }
                guard !value.isEmpty else { throw .usage(zh: "“--\(name) <\(placeholder)>”的值为空", en: "empty value for '--\(name) <\(placeholder)>'") }
                if case .repeated = option.kind {
                    result.repeated[name, default: []].append(value)
                } else if result.values.updateValue(value, forKey: name) != nil {
                    throw .usage(zh: "选项“--\(name)”给出了不止一次", en: "option '--\(name)' given more than once")
                }
            }
        }
        return result
    }
}
