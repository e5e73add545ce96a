import PolicyKit
import ResidentIO

/// A command's `--help`, in either language, wrapped to the terminal: overview, usage,
/// examples, the options in an aligned column, then notes (exit status, rules).
struct HelpPage: Sendable {
    var usage: String
    var overview: LocalizedText
    var options: [OptionSpec]
    var examples: [String] = []
    /// Paragraphs after the options; a `\n` inside one starts a new line.
    var notes: [LocalizedText] = []

    /// The widest option column; a longer synopsis puts its help on the next line.
    private static let maximumColumn = 30

    func render(_ language: Language, width: Int) -> String {
        let zh = language == .zh
        var text = (zh ? "概述：" : "OVERVIEW: ") + TextWrap.hanging(overview(language), width: width, indent: zh ? 6 : 10) + "\n\n"
        text += (zh ? "用法：" : "USAGE: ") + TextWrap.hanging(usage, width: width, indent: zh ? 6 : 7) + "\n"
        if !examples.isEmpty {
            text += "\n" + (zh ? "示例：" : "EXAMPLES:") + "\n" + examples.map { "  \($0)\n" }.joined()
        }
        text += "\n" + (zh ? "选项：" : "OPTIONS:") + "\n"
        text += HelpPage.table(options.map { ($0.synopsis, $0.help(language)) }
            + [("-h, --help", zh ? "显示本帮助并退出。" : "Show this help and exit.")], width: width)
        for note in notes {
            text += "\n" + TextWrap.lines(note(language), width: width).joined(separator: "\n") + "\n"
        }
        return text
    }

    /// Rows of `  term  text`, the texts aligned and wrapped.
    static func table(_ rows: [(term: String, text: String)], width: Int) -> String {
        var column = min(rows.map { DisplayWidth.of($0.term) }.max()! + 2, maximumColumn)
        // A narrow terminal: each text on the lines below its term.
        if width - column < 30 { column = 4 }
        let indent = 2 + column
        var text = ""
        for (term, help) in rows {
            if DisplayWidth.of(term) + 2 > column {
                text += "  " + term + "\n" + String(repeating: " ", count: indent)
            } else {
                text += "  " + DisplayWidth.pad(term, to: column)
            }
            text += TextWrap.hanging(help, width: width, indent: indent) + "\n"
        }
        return text
    }
}
