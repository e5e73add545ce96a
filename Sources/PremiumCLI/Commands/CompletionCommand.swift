import PolicyKit
import ResidentIO

/// `premium completion bash|zsh`: a shell completion script for commands, options,
/// option values, region ids and the category ids of the region on the line.
///
/// Everything is generated from the command table and the policy data, so a new flag,
/// region or category completes without editing a script.
enum CompletionCommand {
    static let options: [OptionSpec] = [
        .value("policy-dir", "dir", zh: "从 DIR（而非内置数据）补全地区和类别代码。", en: "Complete region and category ids from DIR instead of the built-in copy."),
    ]

    static let info = CommandInfo(
        name: "completion", summary: LocalizedText(zh: "输出 bash 或 zsh 的命令补全脚本。", en: "Print a bash or zsh completion script."),
        help: HelpPage(
            usage: "premium completion bash|zsh",
            overview: LocalizedText(zh: "输出命令行补全脚本：命令、选项及其取值、地区代码，以及 --region 所给地区的类别代码。",
                                    en: "Print a shell completion script: commands, options and their values, region ids, and the category ids of the region given with --region."),
            options: options,
            examples: [
                "source <(premium completion bash)                 # now, in this shell",
                "premium completion bash > ~/.local/share/bash-completion/completions/premium",
                "echo 'source <(premium completion zsh)' >> ~/.zshrc",
            ]),
        options: options, words: ["bash", "zsh"])

    static func run(_ arguments: ArraySlice<String>, context: CommandContext) throws(CLIError) -> CommandResult {
        let parsed = try FlagParser(options: options).parse(arguments)
        guard parsed.positionals.count == 1, let shell = parsed.positionals.first, shell == "bash" || shell == "zsh" else {
            throw .usage(zh: "completion 需要指定一种 shell：bash 或 zsh", en: "completion needs one shell: bash or zsh")
        }
        let script = bashScript(store: try context.store(parsed))
        guard shell == "zsh" else { return CommandResult(output: script) }
        return CommandResult(output: """
            # premium completion for zsh, through zsh's bash-completion layer.
            # Load it with: source <(premium completion zsh)
            autoload -U +X compinit && compinit
            autoload -U +X bashcompinit && bashcompinit

            """ + script)
    }

    /// A word quoted for the shell.
    static func quoted(_ word: String) -> String {
        "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    static func bashScript(store: PolicyStore) -> String {
        let commands = PremiumCLI.commands
        let topLevel = commands.map(\.name) + ["--help", "--version"]
        // Option values: `a|b` placeholders list their choices; dir and file complete paths.
        var valueCases: [String] = []
        var seen = Set<String>()
        for option in commands.flatMap(\.options) where seen.insert(option.name).inserted {
            switch option.kind {
            case .flag: continue
            case .value(let placeholder), .repeated(let placeholder):
                let action: String
                switch option.name {
                case "region": action = "COMPREPLY=($(compgen -W \(quoted(store.regionIDs.joined(separator: " "))) -- \"$cur\"))"
                case "category": action = "COMPREPLY=($(compgen -W \"$(_premium_categories \"$region\")\" -- \"$cur\"))"
                case "year": action = "COMPREPLY=($(compgen -W \"$(_premium_years \"$region\")\" -- \"$cur\"))"
                default:
                    if placeholder.contains("|") {
                        action = "COMPREPLY=($(compgen -W \(quoted(placeholder.split(separator: "|").joined(separator: " "))) -- \"$cur\"))"
                    } else if placeholder == "dir" {
                        action = "COMPREPLY=($(compgen -d -- \"$cur\"))"
                    } else if placeholder == "file" {
                        action = "COMPREPLY=($(compgen -f -- \"$cur\"))"
                    } else {
                        action = "COMPREPLY=()"
                    }
                }
                valueCases.append("        --\(option.name)) \(action); return ;;")
            }
        }
        let commandCases = commands.map { command in
            let words = command.name == "help" ? commands.map(\.name).filter { $0 != "help" } : command.words + command.options.map { "--" + $0.name } + ["--help"]
            return "        \(command.name)) words=\(quoted(words.joined(separator: " "))) ;;"
        }
        func regionCase(_ body: (RegionPolicy, [RegionPolicy]) -> String) -> String {
            store.regionIDs.map { id in
                let years = store.policies.filter { $0.id == id }
                let latest = years.last!
                let names = Set(years.flatMap { [$0.id, $0.name.zh] + $0.aliases })
                return "        " + names.sorted().map(quoted).joined(separator: "|") + ") echo " + body(latest, years) + " ;;"
            }.joined(separator: "\n")
        }
        let categoryCases = regionCase { _, years in
            var ids: [String] = []
            for policy in years { for category in policy.categories where !ids.contains(category.id) { ids.append(category.id) } }
            return quoted(ids.joined(separator: " "))
        }
        let yearCases = regionCase { _, years in quoted(years.map { String($0.year) }.joined(separator: " ")) }

        return """
        # premium completion for bash: commands, options, option values, region ids, and the
        # category ids of the region named with --region. Generated by 'premium completion bash'.
        # Load it with: source <(premium completion bash)

        _premium_categories() {
            case $1 in
        \(categoryCases)
            esac
        }

        _premium_years() {
            case $1 in
        \(yearCases)
            esac
        }

        _premium() {
            local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
            local command=${COMP_WORDS[1]} region="" words="" i
            if (( COMP_CWORD == 1 )); then
                COMPREPLY=($(compgen -W \(quoted(topLevel.joined(separator: " "))) -- "$cur"))
                return
            fi
            for (( i = 2; i < COMP_CWORD; i++ )); do
                case ${COMP_WORDS[i]} in
                    --region) region=${COMP_WORDS[i+1]}; [[ $region == = ]] && region=${COMP_WORDS[i+2]} ;;
                    --region=*) region=${COMP_WORDS[i]#--region=} ;;
                esac
            done
            # bash splits --name=value at '=': complete the value of --name.
            [[ $prev == = ]] && prev=${COMP_WORDS[COMP_CWORD-2]}
            [[ $cur == = ]] && { prev=${COMP_WORDS[COMP_CWORD-1]}; cur=""; }
            case $prev in
        \(valueCases.joined(separator: "\n"))
            esac
            case $command in
        \(commandCases.joined(separator: "\n"))
            esac
            if [[ $command == batch && $cur != -* ]]; then
                COMPREPLY=($(compgen -f -- "$cur"))
                return
            fi
            COMPREPLY=($(compgen -W "$words" -- "$cur"))
        }

        complete -F _premium premium

        """
    }
}
