import PolicyKit

/// Which language a run speaks before and without `--lang`.
///
/// The locale variables in POSIX order: `LC_ALL`, then `LC_MESSAGES`, then `LANG`, the
/// first that is set and not empty. `zh…` is Chinese; so are `C`, `POSIX` and no locale
/// at all, since the tool's users are Chinese clerks and a bare server or a Windows
/// terminal often says `C`. Any other locale (`en_US.UTF-8`, `de_DE`) is English.
enum LanguageChoice {
    static func fromEnvironment(_ environment: [String: String]) -> Language {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        guard let locale else { return .zh }
        let name = locale.lowercased()
        if name.hasPrefix("zh") || name == "c" || name.hasPrefix("c.") || name == "posix" { return .zh }
        return .en
    }

    /// `zh` or `en` (any case; `zh_CN`, `en-US` too), else nil.
    static func named(_ text: String) -> Language? {
        let name = text.lowercased()
        if let exact = Language(rawValue: name) { return exact }
        return Language.allCases.first { name.hasPrefix($0.rawValue + "_") || name.hasPrefix($0.rawValue + "-") }
    }

    /// The language `--lang X` or `--lang=X` names (the last that names one, before any
    /// `--`), else nil.
    static func given(in arguments: some Sequence<String>) -> Language? {
        var iterator = arguments.prefix { $0 != "--" }.makeIterator()
        var chosen: Language?
        while let argument = iterator.next() {
            if argument == "--lang", let value = iterator.next() { chosen = named(value) ?? chosen }
            if argument.hasPrefix("--lang=") { chosen = named(String(argument.dropFirst(7))) ?? chosen }
        }
        return chosen
    }

    /// The language messages of this invocation use: `--lang` where it names a
    /// language, else the environment's. Errors that come before the flags are parsed
    /// (an unknown option) speak it too.
    static func forArguments(_ arguments: [String], environment: [String: String]) -> Language {
        given(in: arguments) ?? fromEnvironment(environment)
    }
}
