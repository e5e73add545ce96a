import Foundation
@testable import Workbook
import Testing

struct WorkbookWriterTests {
    static func roster() -> WorkbookWriter {
        var results = SheetWriter(name: "结果")
        results.appendHeader(["行号", "身份证号", "姓名", "应缴", "参保日期", "备注", "有效"])
        results.append([.number("2"), .text("430511199001011236"), .text("张三"), .amount("380.00"), .date(year: 2021, month: 1, day: 15),
                        .empty, .bool(true)])
        results.append([.number("3"), .text("43051119850715241X"), .text(" 李四 "), .amount("0.50"), .date(serial: 44197),
                        .text("A<B & \"C\""), .bool(false)])
        results.append([.number("4"), .text("0012"), .empty, .amount("-12"), .empty, .number("not a number")])
        var summary = SheetWriter(name: "汇总", freezesHeader: false, columnWidths: [12, 30.5])
        summary.append([.text("人数"), .number("3")])
        var workbook = WorkbookWriter()
        workbook.add(results)
        workbook.add(summary)
        return workbook
    }

    @Test func readsBackWhatItWrites() throws {
        for compress in [true, false] {
            let bytes = try Self.roster().bytes(compress: compress)
            let workbook = try WorkbookReader(bytes)
            #expect(workbook.sheets.map(\.name) == ["结果", "汇总"])
            let rows = try WorkbookReaderTests.allRows(bytes)
            #expect(rows.map(\.number) == [1, 2, 3, 4])
            #expect(rows[0].cells == ["行号", "身份证号", "姓名", "应缴", "参保日期", "备注", "有效"].map { .text($0) })
            #expect(rows[1].cells == [.number("2"), .text("430511199001011236"), .text("张三"), .number("380.00"), .date(serial: "44211"), .empty, .bool(true)])
            #expect(rows[2].cells == [.number("3"), .text("43051119850715241X"), .text(" 李四 "), .number("0.50"), .date(serial: "44197"),
                                      .text("A<B & \"C\""), .bool(false)])
            #expect(rows[3].cells == [.number("4"), .text("0012"), .empty, .number("-12"), .empty, .text("not a number")])
            #expect(try WorkbookReaderTests.allRows(bytes, .named("汇总")) == [SheetRow(number: 1, cells: [.text("人数"), .number("3")])])
        }
    }

    @Test func writesTheSameBytesTwice() throws {
        #expect(try Self.roster().bytes() == Self.roster().bytes())
    }

    @Test func writesFrozenHeaderAndWidths() throws {
        let archive = try ZipArchive(try Self.roster().bytes())
        let sheet = String(decoding: try archive.extract("xl/worksheets/sheet1.xml"), as: UTF8.self)
        #expect(sheet.contains(#"<sheetViews><sheetView workbookViewId="0" tabSelected="1"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheet.contains(#"<dimension ref="A1:G4"/>"#))
        // 身份证号 is 18 wide; 参保日期 in bold is 8 (CJK) + 2; widths are that plus 2.
        #expect(sheet.contains(#"<col min="2" max="2" width="20.0" customWidth="1"/>"#))
        #expect(sheet.contains(#"<col min="5" max="5" width="12.0" customWidth="1"/>"#))
        let summary = String(decoding: try archive.extract("xl/worksheets/sheet2.xml"), as: UTF8.self)
        #expect(!summary.contains("pane"))
        #expect(summary.contains(#"<col min="2" max="2" width="30.5" customWidth="1"/>"#))
        #expect(archive.entries.map(\.name) == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                                "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"])
    }

    @Test("makes sheet names valid and unique", arguments: [
        (["结果", "结果"], ["结果", "结果 (2)"]), (["a/b", "[x]:*?\\"], ["a_b", "_x_____"]), ([""], ["Sheet"]),
        (["'quoted'"], ["_quoted_"]), ([String(repeating: "长", count: 40), String(repeating: "长", count: 40)],
                                       [String(repeating: "长", count: 31), String(repeating: "长", count: 27) + " (2)"]),
        (["Sheet", "sheet"], ["Sheet", "sheet (2)"]),
    ])
    func sheetNames(names: [String], valid: [String]) {
        #expect(WorkbookWriter.validNames(names) == valid)
    }

    @Test("recognizes number literals", arguments: [
        ("0", true), ("-12", true), ("380.00", true), ("1E3", true), ("1.5e-7", true), (".5", true),
        ("", false), ("-", false), ("1.", false), ("1e", false), ("1,000", false), ("0x10", false), (" 1", false), ("NaN", false), ("inf", false),
    ])
    func numberLiterals(text: String, isNumber: Bool) {
        #expect(OutputCell.isNumberLiteral(text) == isNumber)
    }

    @Test func writesAnEmptyWorkbookWithOneSheet() throws {
        let bytes = try WorkbookWriter().bytes()
        let workbook = try WorkbookReader(bytes)
        #expect(workbook.sheets.map(\.name) == ["Sheet1"])
        #expect(try WorkbookReaderTests.allRows(bytes).isEmpty)
    }
}

struct WorkbookWriterLimitTests {
    @Test func cutsTextsToExcelsCellLimit() throws {
        var sheet = SheetWriter(name: "S", freezesHeader: false)
        sheet.append([.text(String(repeating: "长", count: 40_000)), .text(String(repeating: "😀", count: 20_000)), .text("a\u{1}b")])
        var workbook = WorkbookWriter()
        workbook.add(sheet)
        let rows = try WorkbookReaderTests.allRows(try workbook.bytes())
        guard case .text(let chinese) = rows[0][0], case .text(let emoji) = rows[0][1] else { Issue.record("not text"); return }
        #expect(chinese.utf16.count == 32_767)
        #expect(emoji.utf16.count == 32_766)  // a surrogate pair is never split
        #expect(rows[0][2] == .text("ab"))
    }
}
