import PolicyKit
import Workbook

/// A worksheet row as the cells of a CSV row: what a clerk sees in Excel.
enum WorkbookCells {
    /// The row's cells one after another in `bytes` (UTF-8), each cell's range in
    /// `ranges`: as many as `width` when it is longer (a worksheet leaves out empty
    /// trailing cells; empty cells past the header are dropped, others kept to be refused).
    static func layout(_ row: SheetRow, width: Int?, uses1904Dates: Bool, into bytes: inout [UInt8], ranges: inout [Range<Int>]) {
        bytes.removeAll(keepingCapacity: true)
        ranges.removeAll(keepingCapacity: true)
        var cells = row.cells[...]
        if let width { while cells.count > width, cells.last?.isEmpty == true { cells.removeLast() } }
        for cell in cells {
            let start = bytes.count
            bytes += text(of: cell, uses1904Dates: uses1904Dates).utf8
            ranges.append(start..<bytes.count)
        }
        if let width, ranges.count < width { ranges += Array(repeating: bytes.count..<bytes.count, count: width - ranges.count) }
    }

    /// One cell as `CellValue.plainText` gives it (text and numbers as written, so an ID
    /// typed as a number shows as Excel stored it, `4.30511199001011E+17`, and is refused
    /// as such; a date cell as `2020-11-19`, with its time when it has one, which no date
    /// column accepts; TRUE/FALSE), and a `t="d"` cell of a whole day as that day.
    static func text(of cell: CellValue, uses1904Dates: Bool) -> String {
        // A whole day (the common date cell): PolicyKit's serial arithmetic, without
        // the library's general text of any serial.
        if case .date(let serial) = cell, let day = CivilDate.excelSerial(in: serial),
           let date = CivilDate(excelSerial: uses1904Dates ? day + 1462 : day) {
            return date.description
        }
        let text = cell.plainText(uses1904Dates: uses1904Dates)
        guard case .isoDate = cell, text.count > 10, ["T00:00:00", "T00:00"].contains(String(text.dropFirst(10))) else { return text }
        return String(text.prefix(10))
    }
}
