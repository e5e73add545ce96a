/// Which number formats show a date or time, so that a number styled with one is a date.
///
/// Built-in formats (ECMA-376 Part 1, §18.8.30, ids the file does not spell out): 14–22
/// and 45–47, plus the East Asian date and time ids 27–36 and 50–58 (zh-CN's
/// `yyyy"年"m"月"d"日"` is 31). A custom format is a date or time when, outside quoted
/// text, escaped characters and `[…]` sections, it has one of `y m d h s` (or `e`/`g`
/// era codes with `y`), or `上午/下午`/`AM/PM`; an elapsed-time format such as `[h]:mm` is
/// a duration and is not a date.
enum DateFormats {
    /// Built-in format ids that are dates or times.
    static let builtIn: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

    /// Whether format `id` (with `code` when the workbook defines it) is a date or time.
    static func isDate(id: Int, code: String?) -> Bool {
        if let code { return isDate(code: code) }
        return builtIn.contains(id)
    }

    /// Whether a format code is a date or time format.
    static func isDate(code: String) -> Bool {
        // Only the first section (positive numbers) decides, as Excel's own test does.
        var inQuotes = false, escaped = false, inBracket = false
        var bracket = ""
        var found = false
        for character in code {
            if escaped { escaped = false; continue }
            if inQuotes { if character == "\"" { inQuotes = false }; continue }
            if inBracket {
                if character == "]" {
                    inBracket = false
                    let lowered = bracket.lowercased()
                    if !lowered.isEmpty, lowered.allSatisfy({ "hms".contains($0) }) { return false }  // [h], [mm], [ss]
                } else {
                    bracket.append(character)
                }
                continue
            }
            switch character {
            case "\"": inQuotes = true
            case "\\", "_", "*": escaped = true                 // the next character is literal or fill
            case "[": inBracket = true; bracket = ""
            case ";": return found
            case "y", "Y", "m", "M", "d", "D", "h", "H", "s", "S": found = true
            case "上", "下", "午": found = true
            default: continue
            }
        }
        return found || code.uppercased().contains("AM/PM")
    }
}
