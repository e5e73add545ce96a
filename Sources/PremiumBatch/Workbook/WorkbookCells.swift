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

    /// One cell: text as it is; a number as written (so an ID typed as a number shows as
    /// Excel stored it, `4.30511199001011E+17`, and is refused as such); a date cell as
    /// `YYYY-MM-DD` when it holds a whole day, else its serial (a time of day, which no
    /// date column accepts); a truth value as `true`/`false`; an error as Excel shows it.
    static func text(of cell: CellValue, uses1904Dates: Bool) -> String {
        switch cell {
        case .empty: return ""
        case .text(let text): return text
        case .number(let text): return text
        case .date(let serial):
            let fraction = serial.split(separator: ".", maxSplits: 1).dropFirst().first
            guard fraction?.allSatisfy({ $0 == "0" }) ?? true,
                  let day = ExcelDate.civil(serial: serial, uses1904Dates: uses1904Dates),
                  let date = CivilDate(year: day.year, month: day.month, day: day.day) else { return serial }
            return date.description
        case .bool(let value): return value ? "true" : "false"
        case .isoDate(let text):
            // `2020-11-19` or `2020-11-19T00:00:00`: the day; any other time stays as written.
            let day = String(text.prefix(10))
            return text.count == 10 || text.dropFirst(10) == "T00:00:00" ? day : text
        case .error(let text): return text
        }
    }
}
