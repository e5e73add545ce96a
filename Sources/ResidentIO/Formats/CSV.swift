/// CSV as Excel and Python read it (see `CSVRecordScanner` for where records end).
public enum CSV {
    /// Splits one record (no line break) into fields: a quote opens a quoted field only
    /// as its first byte, `""` in one is a quote, and bytes after a closing quote are
    /// appended. Nil when a quoted field is not closed.
    public static func fields(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, separator: UInt8 = UInt8(ascii: ",")) -> [String]? {
        var fields: [String] = []
        var field: [UInt8] = []
        var index = range.lowerBound
        var quoted = false, atStart = true
        while index < range.upperBound {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < range.upperBound, bytes[index + 1] == UInt8(ascii: "\"") { field.append(byte); index += 1 }
                    else { quoted = false }
                } else { field.append(byte) }
            } else if byte == separator {
                fields.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true); atStart = true
                index += 1
                continue
            } else if byte == UInt8(ascii: "\"") && atStart {
                quoted = true
            } else { field.append(byte) }
            atStart = false
            index += 1
        }
        guard !quoted else { return nil }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
    }

    /// Whether a record holds nothing but separators and blanks (a row to skip).
    public static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8 = UInt8(ascii: ",")) -> Bool {
        bytes.allSatisfy { $0 == separator || $0 == 32 || $0 == 9 }
    }

    /// A text cell made safe for a spreadsheet (OWASP "CSV injection"): one starting
    /// with `=`, `+`, `-`, `@`, a tab or a CR gets a leading `'`, so Excel, WPS and
    /// LibreOffice show it as text instead of running it as a formula. A number (`-5`,
    /// `+1.5`) is left alone: it is a value, not a formula.
    public static func neutralised(_ text: String) -> String {
        guard let first = text.utf8.first, [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13].contains(first)
        else { return text }
        return isNumber(text) ? text : "'" + text
    }

    /// An optional sign, digits, and optional decimals.
    private static func isNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8.dropFirst(0)
        if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty else { return false }
        return parts.allSatisfy { part in !part.isEmpty && part.allSatisfy { $0 &- 48 < 10 } }
    }

    /// A text cell, neutralised and escaped.
    public static func text(_ text: String) -> String { escape(neutralised(text)) }

    /// One field, quoted when it holds a comma, quote or line break.
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// A cell without leading and trailing white space (ASCII and ideographic).
    public static func trimmed(_ text: String) -> String {
        // Most cells have no surrounding space: check the first and last bytes first.
        if let first = text.utf8.first, let last = text.utf8.last, first > 32, first < 128, last > 32, last < 128 { return text }
        guard let first = text.firstIndex(where: { !$0.isWhitespace }), let last = text.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(text[first...last])
    }
}
