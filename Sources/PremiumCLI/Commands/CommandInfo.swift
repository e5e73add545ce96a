import PolicyKit
import ResidentIO

/// What the overview, `premium help <command>` and shell completion know of a command.
/// Each command publishes one; they are listed once, in `PremiumCLI.commands`.
struct CommandInfo: Sendable {
    var name: String
    var summary: LocalizedText
    /// Nil for `help` itself, whose help is the overview.
    var help: HelpPage?
    var options: [OptionSpec]
    /// Words a command takes as positional arguments, for completion (`bash`, `zsh`).
    var words: [String] = []
}
