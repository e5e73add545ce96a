@testable import Workbook
import Testing

struct CellReferenceTests {
    @Test("parses references", arguments: [
        ("A1", 1, 1), ("B7", 2, 7), ("Z10", 26, 10), ("AA1", 27, 1), ("AZ3", 52, 3), ("XFD1048576", 16_384, 1_048_576), ("$C$4", 3, 4), ("c5", 3, 5),
    ])
    func parses(text: String, column: Int, row: Int) throws {
        let parsed = try #require(CellReference.parse(Array(text.utf8)[...]))
        #expect(parsed.column == column && parsed.row == row)
        #expect(CellReference.columnName(column) == text.replacingOccurrences(of: "$", with: "").uppercased().filter(\.isLetter))
    }

    @Test("refuses references", arguments: ["", "1", "A0", "XFE1", "A1048577", "A1B", "A-1", "AAAAA1"])
    func refuses(text: String) {
        #expect(CellReference.parse(Array(text.utf8)[...]) == nil)
    }
}

struct ExcelDateTests {
    // Serials checked with Python: (date - datetime.date(1899, 12, 30)).days
    @Test("1900 system", arguments: [
        (61, 1900, 3, 1), (1, 1900, 1, 1), (59, 1900, 2, 28), (25_569, 1970, 1, 1), (36_526, 2000, 1, 1),
        (44_197, 2021, 1, 1), (44_211, 2021, 1, 15), (45_351, 2024, 2, 29), (2_958_465, 9999, 12, 31),
    ])
    func system1900(serial: Int, year: Int, month: Int, day: Int) throws {
        let date = try #require(ExcelDate.civil(serial: String(serial)))
        #expect(date == (year, month, day))
        if serial >= 61 { #expect(ExcelDate.serial(year: year, month: month, day: day) == serial) }
        let withTime = try #require(ExcelDate.civil(serial: "\(serial).75"))
        #expect(withTime == (year, month, day))
    }

    @Test func system1904() throws {
        #expect(try #require(ExcelDate.civil(serial: "0", uses1904Dates: true)) == (1904, 1, 1))
        #expect(try #require(ExcelDate.civil(serial: "42735", uses1904Dates: true)) == (2021, 1, 1))
    }

    @Test func serialsThatAreNoDate() {
        for text in ["0", "60", "-1", "abc", "", "1e5"] { #expect(ExcelDate.civil(serial: text) == nil) }
    }
}

struct PlainTextTests {
    @Test("cells as text", arguments: [
        (CellValue.empty, ""), (.text("张三"), "张三"), (.number("4.30511E+17"), "4.30511E+17"), (.number("0.1"), "0.1"),
        (.date(serial: "44211"), "2021-01-15"), (.date(serial: "44136.354166666664"), "2020-11-01 08:30:00"),
        (.date(serial: "0.5"), "12:00:00"), (.date(serial: "44211.99999999"), "2021-01-16"), (.date(serial: "60"), "60"),
        (.date(serial: "-3"), "-3"), (.bool(true), "TRUE"), (.bool(false), "FALSE"), (.error("#N/A"), "#N/A"),
        (.isoDate("2021-01-15T00:00:00"), "2021-01-15T00:00:00"),
    ] as [(CellValue, String)])
    func plainText(cell: CellValue, text: String) {
        #expect(cell.plainText() == text)
    }

    @Test func datesIn1904System() {
        #expect(CellValue.date(serial: "42735").plainText(uses1904Dates: true) == "2021-01-01")
        #expect(CellValue.date(serial: "0").plainText(uses1904Dates: true) == "1904-01-01")
    }
}
