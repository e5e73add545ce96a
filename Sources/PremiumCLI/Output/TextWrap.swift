import ResidentIO

/// Lines of at most a given number of terminal columns, for help: English breaks at
/// spaces, Chinese between any two characters except before closing punctuation
/// (`，。）`) and after opening punctuation (`（“`). A word longer than the width gets a
/// line of its own.
enum TextWrap {
    /// `text` (its own `\n`s kept as line breaks) in lines of at most `width` columns.
    static func lines(_ text: String, width: Int) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { wrap(String($0), width: max(width, 10)) }
    }

    /// `text` wrapped to the columns from `indent` to `width`, every line after the first
    /// indented by `indent` spaces (the caller has put the first line's start there).
    static func hanging(_ text: String, width: Int, indent: Int) -> String {
        lines(text, width: width - indent).joined(separator: "\n" + String(repeating: " ", count: indent))
    }

    private static let closing: Set<Character> = ["，", "。", "、", "；", "：", "！", "？", "）", "》", "」", "』", "”", "’", "…", ")", ",", ".", ";", ":", "/"]
    private static let opening: Set<Character> = ["（", "《", "「", "『", "“", "‘"]

    /// One line of text, wrapped.
    private static func wrap(_ text: String, width: Int) -> [String] {
        // Units that may not be split, each with whether a space came before it.
        var units: [(text: String, space: Bool)] = []
        var word = "", space = false, glue = false
        func flush() {
            guard !word.isEmpty else { return }
            if glue, !units.isEmpty { units[units.count - 1].text += word } else { units.append((word, space)) }
            word = ""; space = false; glue = false
        }
        for character in text {
            if character == " " { flush(); space = true; continue }
            let wide = DisplayWidth.of(String(character)) == 2
            if wide {
                if closing.contains(character) {
                    // Stays with what comes before it.
                    if word.isEmpty, !units.isEmpty, !space { units[units.count - 1].text.append(character) } else { word.append(character) }
                    continue
                }
                let joinsPrevious = word.isEmpty && !space && units.last.map { opening.contains($0.text.last!) } == true
                flush()
                word = String(character)
                glue = joinsPrevious
                flush()
                continue
            }
            if closing.contains(character), word.isEmpty, !space, !units.isEmpty {
                units[units.count - 1].text.append(character)
                continue
            }
            if word.isEmpty, !space, let last = units.last?.text.last, opening.contains(last) { glue = true }
            word.append(character)
        }
        flush()
        var lines: [String] = [], line = "", used = 0
        for unit in units {
            let separator = unit.space && !line.isEmpty ? 1 : 0
            let columns = DisplayWidth.of(unit.text)
            if !line.isEmpty, used + separator + columns > width {
                lines.append(line)
                line = unit.text; used = columns
            } else {
                line += separator == 1 ? " " + unit.text : unit.text
                used += separator + columns
            }
        }
        lines.append(line)
        return lines
    }
}
