import PolicyKit

/// What a command may use besides its arguments: the environment and the date.
/// Commands never touch the process directly, so tests run them in-process.
struct CommandContext {
    var environment: [String: String]
    var today: CivilDate

    /// The policy store: `--policy-dir`, then `$PREMIUM_POLICY_DIR`, then the built-in copy.
    func store(_ parsed: ParsedArguments) throws(CLIError) -> PolicyStore {
        do {
            if let directory = parsed.values["policy-dir"] ?? environment["PREMIUM_POLICY_DIR"], !directory.isEmpty {
                return try PolicyStore.load(from: directory)
            }
            return try PolicyStore.embedded()
        } catch {
            throw CLIError(error)
        }
    }

    /// `--lang`, defaulting to Chinese.
    func language(_ parsed: ParsedArguments) throws(CLIError) -> Language {
        guard let text = parsed.values["lang"] else { return .zh }
        guard let language = Language(rawValue: text.lowercased()) else {
            throw .usage("invalid --lang '\(text)': use zh or en")
        }
        return language
    }
}

/// What a command produced: text for stdout and the exit status.
struct CommandResult {
    var output: String
    var status: ExitCode = .success
}
