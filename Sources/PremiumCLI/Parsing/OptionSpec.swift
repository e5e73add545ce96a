import PolicyKit
import ResidentIO

/// One `--long-option` a command accepts. Parsing, help and suggestions are all driven
/// from a command's list of these, so they cannot drift apart.
struct OptionSpec: Sendable {
    enum Kind: Sendable {
        /// `--json`
        case flag
        /// `--region <region>` or `--region=<region>`, at most once.
        case value(placeholder: String)
        /// `--category <id>`, may be given several times.
        case repeated(placeholder: String)
    }

    var name: String
    var kind: Kind
    var help: LocalizedText

    static func flag(_ name: String, _ help: LocalizedText) -> OptionSpec { OptionSpec(name: name, kind: .flag, help: help) }
    static func value(_ name: String, _ placeholder: String, _ help: LocalizedText) -> OptionSpec {
        OptionSpec(name: name, kind: .value(placeholder: placeholder), help: help)
    }
    static func repeated(_ name: String, _ placeholder: String, _ help: LocalizedText) -> OptionSpec {
        OptionSpec(name: name, kind: .repeated(placeholder: placeholder), help: help)
    }
    static func flag(_ name: String, zh: String, en: String) -> OptionSpec { .flag(name, LocalizedText(zh: zh, en: en)) }
    static func value(_ name: String, _ placeholder: String, zh: String, en: String) -> OptionSpec {
        .value(name, placeholder, LocalizedText(zh: zh, en: en))
    }
    static func repeated(_ name: String, _ placeholder: String, zh: String, en: String) -> OptionSpec {
        .repeated(name, placeholder, LocalizedText(zh: zh, en: en))
    }

    /// `--region <region>` as shown in help.
    var synopsis: String {
        switch kind {
        case .flag: "--\(name)"
        case .value(let placeholder), .repeated(let placeholder): "--\(name) <\(placeholder)>"
        }
    }
}
