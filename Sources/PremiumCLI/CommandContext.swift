import PolicyKit
import ResidentIO

/// What a command may use besides its arguments: the environment and the date.
/// Commands never touch the process directly, so tests run them in-process.
struct CommandContext {
    var environment: [String: String]
    var today: CivilDate
    /// The language when no `--lang` is given: from the environment (`LanguageChoice`).
    var language: Language = .zh
    /// The columns help is wrapped to: the terminal's, else 80.
    var width: Int = 80

    /// The policy store: `--policy-dir`, then `$PREMIUM_POLICY_DIR`, then the built-in copy.
    /// A policy directory is always loaded whole, with every check `premium check` makes
    /// across files (a name shared by two regions, a region-year twice), so no command
    /// computes from data `check` rejects. The built-in copy was checked when it was
    /// built (`PolicyDataTests`), so with `region` set to a region id only that region's
    /// files are loaded from it.
    func store(_ parsed: ParsedArguments, region: String? = nil) throws(CLIError) -> PolicyStore {
        do {
            let files = try policyFiles(parsed)
            return try PolicyStore(files: policyDirectory(parsed) == nil ? PolicyStore.files(files, forRegion: region) : files)
        } catch {
            throw CLIError(error)
        }
    }

    /// The policy `--region` and `--year` select; `--region` is required.
    func policy(_ parsed: ParsedArguments) throws(CLIError) -> RegionPolicy {
        var request = QuoteRequest()
        request.region = parsed.values["region"]
        request[.year] = parsed.values["year"]
        let store = try store(parsed, region: request.region)
        do {
            return try request.resolve(in: store, today: today, label: ResidentField.flagLabel).policy
        } catch {
            throw CLIError(error)
        }
    }

    /// The policy files: `--policy-dir`, then `$PREMIUM_POLICY_DIR`, then the built-in copy.
    func policyFiles(_ parsed: ParsedArguments) throws(PolicyError) -> [(path: String, bytes: [UInt8])] {
        if let directory = policyDirectory(parsed) { return try PolicyStore.files(in: directory) }
        return PolicyStore.embeddedFiles
    }

    /// `--policy-dir`, else `$PREMIUM_POLICY_DIR` when set and not empty.
    func policyDirectory(_ parsed: ParsedArguments) -> String? {
        if let directory = parsed.values["policy-dir"] ?? environment["PREMIUM_POLICY_DIR"], !directory.isEmpty { return directory }
        return nil
    }

    /// Parses the flags of a command that takes no positional arguments, and its `--lang`.
    func parse(_ arguments: ArraySlice<String>, _ options: [OptionSpec], command: String) throws(CLIError) -> (ParsedArguments, Language) {
        let parsed = try FlagParser(options: options).parse(arguments)
        guard parsed.positionals.isEmpty else {
            throw .usage(zh: "\(command) 不带参数；多余的参数“\(parsed.positionals[0])”",
                         en: "\(command) takes no arguments; unexpected '\(parsed.positionals[0])'")
        }
        return (parsed, try language(parsed))
    }

    /// `--lang`, defaulting to the environment's language.
    func language(_ parsed: ParsedArguments) throws(CLIError) -> Language {
        guard let text = parsed.values["lang"] else { return language }
        guard let chosen = LanguageChoice.named(text) else {
            throw .usage(zh: "--lang 的值“\(text)”无效：请用 zh 或 en", en: "invalid --lang '\(text)': use zh or en")
        }
        return chosen
    }
}

/// What a command produced: text for stdout and the exit status.
struct CommandResult {
    var output: String
    var status: ExitCode = .success
}
