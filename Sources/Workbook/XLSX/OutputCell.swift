/// One cell to write, with the type and number format it gets in the workbook.
public enum OutputCell: Equatable, Hashable, Sendable {
    /// No cell.
    case empty
    /// A text cell with the text number format (`@`), so digits such as an 18-digit ID
    /// number stay text, also when a clerk edits the cell. Cut to Excel's 32,767 UTF-16
    /// code units; control characters XML cannot carry are dropped.
    case text(String)
    /// A number in the General format, written exactly as given (`"12"`, `"-0.5"`, `"1E3"`).
    /// Text that is not a decimal number is written as a text cell instead.
    case number(String)
    /// An amount: a number shown with two decimals (format `0.00`), e.g. `"780.00"`.
    case amount(String)
    /// A date (format `yyyy-mm-dd`), as a 1900-system serial; see `date(year:month:day:)`.
    case date(serial: Int)
    /// A boolean (TRUE/FALSE).
    case bool(Bool)

    /// A date cell for a calendar date from 1900-03-01 on.
    public static func date(year: Int, month: Int, day: Int) -> OutputCell {
        .date(serial: ExcelDate.serial(year: year, month: month, day: day))
    }

    /// Whether `text` is a number literal a spreadsheet reads: `-?digits[.digits][E[+-]digits]`.
    static func isNumberLiteral(_ text: String) -> Bool {
        var bytes = text.utf8.makeIterator()
        var byte = bytes.next()
        func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false }
        func digits() -> Int {
            var count = 0
            while isDigit(byte) { count += 1; byte = bytes.next() }
            return count
        }
        if byte == UInt8(ascii: "-") { byte = bytes.next() }
        let whole = digits()
        var fraction = 0
        if byte == UInt8(ascii: ".") {
            byte = bytes.next()
            fraction = digits()
            if fraction == 0 { return false }
        }
        guard whole + fraction > 0 else { return false }
        if byte == UInt8(ascii: "E") || byte == UInt8(ascii: "e") {
            byte = bytes.next()
            if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { byte = bytes.next() }
            if digits() == 0 { return false }
        }
        return byte == nil
    }
}
