import Foundation
import PolicyKit
@testable import PremiumCLI
@testable import PremiumBatch
import ResidentIO
import Testing
import TestSupport
import Workbook

/// Issue 15: a roster kept as an Excel workbook is priced directly, and the results can
/// be a workbook that keeps every ID digit.
struct WorkbookBatchTests {
    static func id(_ first17: String) -> String { ClerkRosterTests.id(first17) }

    /// The roster as a township keeps it: a title row, a Chinese header, an ID typed as
    /// text, one stored as a number by mistake (Excel keeps 15 digits), a date cell, a
    /// serial, a typed date, an empty cell in the middle.
    static func roster() throws -> [UInt8] {
        var sheet = SheetWriter(name: "花名册")
        sheet.append([.text("2021年北塔区城乡居民医保参保名册")])
        sheet.appendHeader(["姓名", "身份证号", "村", "地区", "人员类别", "缴费日期"])
        sheet.append([.text("张三"), .text(id("43051119880412677")), .text("塘村"), .text("北塔区"), .text("低保"), .date(year: 2020, month: 11, day: 19)])
        sheet.append([.text("李四"), .text(id("43051119900101045")), .text("塘村"), .text("北塔区"), .empty, .text("2021/3/5")])
        sheet.append([.text("王五"), .number("430511199001010000"), .text("塘村"), .text("北塔区"), .text("特困"), .number("44166")])
        var workbook = WorkbookWriter()
        workbook.add(sheet)
        return try workbook.bytes()
    }

    func batch(_ arguments: [String], _ bytes: [UInt8]) throws -> (status: Int32, output: Data, errors: String) {
        let directory = try scratchDirectory("xlsx")
        let file = directory.appendingPathComponent("名册.xlsx")
        try Data(bytes).write(to: file)
        return try runBinary(["batch", file.path] + arguments, environment: ["LANG": "C"], directory: directory)
    }

    @Test func aWorkbookIsPricedRowByRowNumberedAsInExcel() throws {
        let result = try batch(["--lang", "en"], try Self.roster())
        #expect(result.status == 65)   // 王五's ID
        let lines = try jsonLines(String(decoding: result.output, as: UTF8.self))
        // Row 1 is the title, row 2 the header: the residents are rows 3, 4 and 5.
        #expect(lines.map { $0["line"] as? Int } == [3, 4, 5])
        #expect(lines[0]["姓名"] as? String == "张三")
        #expect(lines[0]["身份证号"] as? String == Self.id("43051119880412677"))
        // beita 2021 二(四)5: 低保 pay 280 − 85; 2020-11-19 is in the centralised window (二(一)).
        #expect(lines[0]["payable"] as? Int == 195)
        #expect(lines[0]["paid_on"] as? String == "2020-11-19")
        // 2021-03-05 is after every window (二(一)): refused, as a typed date.
        #expect(lines[1]["enrollable"] as? Bool == false)
        #expect(lines[1]["paid_on"] as? String == "2021-03-05")
        // An ID stored as a number: what Excel kept of it is refused, with the fix.
        #expect((lines[2]["error"] as? String)?.contains("format the column as text") == true, "\(lines[2])")
    }

    @Test func theResultsAsAWorkbookKeepEveryDigitAndTypeEveryCell() throws {
        let directory = try scratchDirectory("xlsx-out")
        let input = directory.appendingPathComponent("名册.xlsx"), output = directory.appendingPathComponent("结果.xlsx")
        try Data(try Self.roster()).write(to: input)
        let result = try runBinary(["batch", input.path, "--output", output.path], environment: ["LANG": "C"])
        #expect(result.status == 65)
        #expect(result.output.isEmpty)
        let workbook = try WorkbookReader(Array(try Data(contentsOf: output)))
        #expect(workbook.sheets.map(\.name) == ["计算结果", "汇总"])
        var rows = try workbook.rows(.first)
        var all: [SheetRow] = []
        while let row = try rows.next() { all.append(row) }
        #expect(all.count == 4)
        let header = all[0].cells.map { if case .text(let text) = $0 { text } else { "" } }
        #expect(header.prefix(8) == ["行号", "姓名", "身份证号", "村", "地区", "年度", "人员类别", "档次"])
        let column = { (name: String) in header.firstIndex(of: name)! }
        let zhang = all[1]
        #expect(zhang[0] == .number("3"))
        #expect(zhang[column("身份证号")] == .text(Self.id("43051119880412677")))
        #expect(zhang[column("缴费日期")] == .date(serial: "44154"))
        #expect(zhang[column("应缴金额")] == .number("195.00"))
        #expect(zhang[column("可参保")] == .text("是"))
        let wang = all[3]
        #expect(wang[column("身份证号")] == .text("430511199001010000"))
        if case .text(let message) = wang[column("错误")] { #expect(message.contains("Excel")) } else { Issue.record("no error cell: \(wang)") }
    }

    @Test func aWorkbookThatCannotBeReadSaysWhyInChinese() throws {
        let xls: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 600)
        let old = try batch([], xls)
        #expect(old.status == 65)
        #expect(old.errors.contains("旧版 Excel（.xls）"), "\(old.errors)")
        let truncated = try batch([], Array(try Self.roster().prefix(300)))
        #expect(truncated.status == 65)
        #expect(truncated.errors.hasPrefix("premium: 错误：无法读取工作簿："), "\(truncated.errors)")
        let sheet = try batch(["--sheet", "第二页"], try Self.roster())
        #expect(sheet.status == 65)
        #expect(sheet.errors.contains("没有名为“第二页”的工作表；现有工作表：“花名册”"), "\(sheet.errors)")
    }

    @Test(.enabled(if: TestPython.withOpenpyxl != nil || TestPython.openpyxlRequired, "needs python3 with openpyxl"))
    func openpyxlReadsTheResultsAndPremiumReadsOpenpyxl() throws {
        let python = try #require(TestPython.withOpenpyxl, "install openpyxl (pip install openpyxl) or set PREMIUM_PYTHON")
        let directory = try scratchDirectory("xlsx-openpyxl")
        let input = directory.appendingPathComponent("roster.xlsx"), output = directory.appendingPathComponent("out.xlsx")
        _ = try TestPython.script(python, """
            import sys, datetime, openpyxl
            wb = openpyxl.Workbook(); ws = wb.active; ws.title = "花名册"
            ws.append(["姓名", "身份证号", "村", "地区", "人员类别", "缴费日期"])
            ws.append(["张三", "\(Self.id("43051119880412677"))", "塘村", "北塔区", "低保", datetime.date(2020, 11, 19)])
            ws.append(["李四", "\(Self.id("43051119900101045"))", None, "北塔区", "特困", "2020年12月1日"])
            wb.save(sys.argv[1])
            """, [input.path])
        let result = try runBinary(["batch", input.path, "--output", output.path, "--lang", "en"])
        #expect(result.status == 0, "\(result.errors)")
        let check = String(decoding: try TestPython.script(python, """
            import sys, openpyxl
            ws = openpyxl.load_workbook(sys.argv[1])["results"]
            header = [c.value for c in ws[1]]
            print(ws.freeze_panes)
            for row in ws.iter_rows(min_row=2):
                cells = {header[i]: c for i, c in enumerate(row)}
                print(cells["line"].value, repr(cells["身份证号"].value), cells["身份证号"].data_type,
                      cells["payable"].value, cells["payable"].number_format, cells["paid_on"].value.date(), cells["paid_on"].is_date)
            """, [output.path]), as: UTF8.self)
        #expect(check == """
            A2
            2 '\(Self.id("43051119880412677"))' s 195.0 0.00 2020-11-19 True
            3 '\(Self.id("43051119900101045"))' s 0.0 0.00 2020-12-01 True

            """)
    }
}
