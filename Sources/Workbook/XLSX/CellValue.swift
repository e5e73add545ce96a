/// One cell of a worksheet as read, keeping exactly what the file says.
///
/// Numbers stay text (`"430511199001011236"`, `"4.30511E+17"`, `"0.1"`), so no digit is
/// lost or invented by a binary floating-point round trip; the caller parses them as
/// it needs. A number whose style is a date or time format is a `date`.
public enum CellValue: Equatable, Hashable, Sendable {
    /// No cell, or a cell without a value (formatted but empty).
    case empty
    /// A shared string, inline string or formula string result.
    case text(String)
    /// A number as written in the file (`<v>` of a cell with no type or type `n`).
    case number(String)
    /// A number with a date or time style: days since 1899-12-30 (or since 1904-01-01 when
    /// `WorkbookReader.uses1904Dates`), fraction = time of day. See `ExcelDate`.
    case date(serial: String)
    /// A boolean (`t="b"`).
    case bool(Bool)
    /// An ISO 8601 date or time (`t="d"`), as written.
    case isoDate(String)
    /// An error value such as `#N/A` or `#DIV/0!` (`t="e"`).
    case error(String)

    /// True for `.empty` and for text that is empty.
    public var isEmpty: Bool {
        switch self {
        case .empty: return true
        case .text(let text): return text.isEmpty
        default: return false
        }
    }
}

extension CellValue {
    /// The cell as one line of text, as a CSV export would hold it but with ISO dates:
    /// text and numbers as written, a date serial as `2021-01-15` (see `ExcelDate.isoText`;
    /// the serial itself when it is no date), `TRUE`/`FALSE`, an error as its code (`#N/A`).
    public func plainText(uses1904Dates: Bool = false) -> String {
        switch self {
        case .empty: return ""
        case .text(let text), .number(let text), .isoDate(let text), .error(let text): return text
        case .date(let serial): return ExcelDate.isoText(serial: serial, uses1904Dates: uses1904Dates) ?? serial
        case .bool(let value): return value ? "TRUE" : "FALSE"
        }
    }
}
