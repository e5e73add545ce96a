import PolicyKit
import Workbook

/// A worksheet row as the text cells a CSV row would have: what a clerk sees in Excel.
enum WorkbookCells {
    /// The row's cells, as many as `width` when it is longer (a worksheet leaves out empty
    /// trailing cells; empty cells past the header are dropped, others kept to be refused).
    static func texts(_ row: SheetRow, width: Int?, uses1904Dates: Bool) -> [String] {
        var texts = row.cells.map { text(of: $0, uses1904Dates: uses1904Dates) }
        if let width {
            while texts.count > width, texts.last?.isEmpty == true { texts.removeLast() }
            if texts.count < width { texts += Array(repeating: "", count: width - texts.count) }
        }
        return texts
    }

    /// One cell as `CellValue.plainText` gives it (text and numbers as written, so an ID
    /// typed as a number shows as Excel stored it, `4.30511199001011E+17`, and is refused
    /// as such; a date cell as `2020-11-19`, with its time when it has one, which no date
    /// column accepts; TRUE/FALSE), and a `t="d"` cell of a whole day as that day.
    static func text(of cell: CellValue, uses1904Dates: Bool) -> String {
        // A whole day (the common date cell): PolicyKit's serial arithmetic, without
        // the library's general text of any serial.
        if case .date(let serial) = cell, let day = wholeDay(serial), let date = CivilDate(excelSerial: uses1904Dates ? day + 1462 : day) {
            return date.description
        }
        let text = cell.plainText(uses1904Dates: uses1904Dates)
        guard case .isoDate = cell, text.count > 10, ["T00:00:00", "T00:00"].contains(String(text.dropFirst(10))) else { return text }
        return String(text.prefix(10))
    }

    /// The serial of a whole day (`44154`, `44154.0`), else nil (a time of day, or no number).
    private static func wholeDay(_ serial: String) -> Int? {
        var value = 0, digits = 0, fraction = false
        for byte in serial.utf8 {
            if byte == UInt8(ascii: ".") { guard !fraction, digits > 0 else { return nil }; fraction = true; continue }
            guard byte &- 48 < 10 else { return nil }
            if fraction { guard byte == 48 else { return nil }; continue }
            digits += 1
            guard digits <= 7 else { return nil }
            value = value * 10 + Int(byte &- 48)
        }
        return digits > 0 ? value : nil
    }
}
