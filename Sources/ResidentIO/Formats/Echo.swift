/// Input quoted back in an error message: control characters escaped (no raw ESC or
/// line break reaches a terminal or splits a line) and long values cut.
public enum Echo {
    /// Characters of input shown before the cut.
    public static let limit = 80

    /// `text` with control characters as `\n`, `\r`, `\t` or `\u{1B}`, cut after
    /// `limit` characters with `…`.
    public static func value(_ text: String, cutAfter limit: Int = Echo.limit) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit { return result + "…" }
            count += 1
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}", "\u{2028}", "\u{2029}":
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A line of a report (`check`'s problems) with every control character escaped,
    /// nothing cut.
    public static func line(_ text: String) -> String { value(text, cutAfter: .max) }

    /// A whole error message made safe to print: control characters escaped, every
    /// quoted value ('…') longer than `limit` cut, and the message cut at four limits.
    public static func message(_ text: String) -> String {
        var result = "", quoted = "", inQuote = false
        for character in text {
            if character == "'" {
                result += inQuote ? value(quoted) + "'" : "'"
                quoted = ""
                inQuote.toggle()
            } else if inQuote {
                quoted.append(character)
            } else {
                result += value(String(character))
            }
        }
        if inQuote { result += value(quoted) }
        return result.count > 4 * limit ? String(result.prefix(4 * limit)) + "…" : result
    }
}
