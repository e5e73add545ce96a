import Foundation
@testable import Workbook
import Testing
import TestSupport

/// Workbooks written by openpyxl are read here, and workbooks written here are read by
/// openpyxl, cell by cell. openpyxl is a test-time tool from PyPI (`pip install openpyxl`):
/// without it these tests are skipped, unless `PREMIUM_REQUIRE_OPENPYXL=1` (CI) makes a
/// missing openpyxl a failure.
@Suite(.enabled(if: TestPython.withOpenpyxl != nil || TestPython.openpyxlRequired, "needs python3 with openpyxl"))
struct OpenpyxlTests {
    static func python() throws -> String {
        try #require(TestPython.withOpenpyxl, "install openpyxl (pip install openpyxl) or set PREMIUM_PYTHON")
    }

    static let writeRoster = """
        import sys, datetime, openpyxl
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "花名册"
        ws.append(["姓名", "身份证号", "村", "参保日期", "人数", "金额", "低保"])
        ws.append(["张三", "430511199001011236", "东村", datetime.date(2021, 1, 15), 3, 380.5, True])
        ws.append(["李四", "43051119850715241X", None, datetime.datetime(2020, 11, 1, 8, 30), 1, 0.1, False])
        ws.append(["王五", "430511200001011234", "东村", None, None, -12, None])
        ws["B2"].number_format = "@"
        ws["D4"] = 44197
        ws["D4"].number_format = 'yyyy"年"m"月"d"日"'
        ws["H2"] = "=E2*2"
        ws["A6"] = "  前后空格  "
        ws["C6"] = 430511199001011236
        ws["E6"] = "a & b <c>"
        ws2 = wb.create_sheet("第二页")
        ws2["B3"] = "另一页"
        wb.save(sys.argv[1])
        """

    @Test func readsAWorkbookWrittenByOpenpyxlWithInlineOrSharedStrings() throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("roster.xlsx")
        _ = try TestPython.script(Self.python(), Self.writeRoster, [file.path])
        // openpyxl writes inline strings; Excel and WPS write a shared string table.
        let shared = directory.appendingPathComponent("shared.xlsx")
        _ = try TestPython.script(Self.python(), "import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')",
                                  [Self.sharedStringsScript.path, file.path, shared.path])
        let sharedBytes = try [UInt8](Data(contentsOf: shared))
        #expect(try ZipArchive(sharedBytes).entry(named: "xl/sharedStrings.xml") != nil)
        #expect(try WorkbookReaderTests.allRows(sharedBytes) == WorkbookReaderTests.allRows(try [UInt8](Data(contentsOf: file))))
        try checkRoster(sharedBytes)
    }

    static let sharedStringsScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/xlsx-shared-strings.py")

    func checkRoster(_ bytes: [UInt8]) throws {
        let workbook = try WorkbookReader(bytes)
        #expect(workbook.sheets.map(\.name) == ["花名册", "第二页"])
        #expect(!workbook.uses1904Dates)
        let rows = try WorkbookReaderTests.allRows(bytes)
        #expect(rows.map(\.number) == [1, 2, 3, 4, 6])
        #expect(rows[0].cells == ["姓名", "身份证号", "村", "参保日期", "人数", "金额", "低保"].map { .text($0) })
        #expect(rows[1].cells == [.text("张三"), .text("430511199001011236"), .text("东村"), .date(serial: "44211"), .number("3"),
                                  .number("380.5"), .bool(true)])  // H2: a formula with no cached value
        #expect(rows[2].cells == [.text("李四"), .text("43051119850715241X"), .empty, .date(serial: "44136.35416666666"), .number("1"),
                                  .number("0.1"), .bool(false)])
        #expect(rows[3].cells == [.text("王五"), .text("430511200001011234"), .text("东村"), .date(serial: "44197"), .empty, .number("-12")])
        // An ID number stored as a number has lost its last digits in the file itself (openpyxl
        // writes this int as a double); the reader gives exactly what the file says.
        #expect(rows[4].cells == [.text("  前后空格  "), .empty, .number("4.305111990010113e+17"), .empty, .text("a & b <c>")])
        #expect(try WorkbookReaderTests.allRows(bytes, .named("第二页")) == [SheetRow(number: 3, cells: [.empty, .text("另一页")])])
    }

    static let readBack = """
        import sys, json, datetime, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        out = {"sheets": wb.sheetnames, "cells": {}, "freeze": {}, "widths": {}}
        for ws in wb.worksheets:
            out["freeze"][ws.title] = ws.freeze_panes
            out["widths"][ws.title] = {k: v.width for k, v in ws.column_dimensions.items()}
            for row in ws.iter_rows():
                for c in row:
                    if c.value is None: continue
                    v = c.value
                    if isinstance(v, datetime.datetime): v = v.isoformat()
                    out["cells"][ws.title + "!" + c.coordinate] = [c.data_type, v, c.number_format, bool(c.font.b)]
        print(json.dumps(out, ensure_ascii=False))
        """

    @Test func openpyxlReadsWhatWeWrite() throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("results.xlsx")
        try Data(try WorkbookWriterTests.roster().bytes()).write(to: file)
        let output = try TestPython.script(Self.python(), Self.readBack, [file.path])
        let json = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any], "\(String(decoding: output, as: UTF8.self))")
        #expect(json["sheets"] as? [String] == ["结果", "汇总"])
        let freeze = try #require(json["freeze"] as? [String: Any])
        #expect(freeze["结果"] as? String == "A2")
        #expect(freeze["汇总"] is NSNull)
        let widths = try #require(json["widths"] as? [String: [String: Double]])
        #expect(widths["结果"]?["B"] == 20)
        #expect(widths["汇总"]?["B"] == 30.5)
        let cells = try #require(json["cells"] as? [String: [Any]])
        func cell(_ reference: String) -> String {
            guard let cell = cells[reference] else { return "missing" }
            return cell.map { "\($0)" }.joined(separator: "|")
        }
        #expect(cell("结果!A1") == "s|行号|@|1")
        #expect(cell("结果!B2") == "s|430511199001011236|@|0")
        #expect(cell("结果!B3") == "s|43051119850715241X|@|0")
        #expect(cell("结果!C3") == "s| 李四 |@|0")
        #expect(cell("结果!A2") == "n|2|General|0")
        #expect(cell("结果!D2") == "n|380.0|0.00|0")
        #expect(cell("结果!D3") == "n|0.5|0.00|0")
        #expect(cell("结果!E2") == "d|2021-01-15T00:00:00|yyyy-mm-dd|0")
        #expect(cell("结果!E3") == "d|2021-01-01T00:00:00|yyyy-mm-dd|0")
        #expect(cell("结果!F3") == "s|A<B & \"C\"|@|0")
        #expect(cell("结果!G2") == "b|1|General|0")
        #expect(cell("结果!G3") == "b|0|General|0")
        #expect(cell("结果!B4") == "s|0012|@|0")
        #expect(cell("结果!F4") == "s|not a number|@|0")
        #expect(cell("结果!F2") == "missing")
        #expect(cell("汇总!B1") == "n|3|General|0")
        #expect(cells.count == 26)  // 7 + 6 + 7 + 4 cells in 结果, 2 in 汇总
    }

    @Test func openpyxlReadsALargeWorkbookWeWrite() throws {
        var sheet = SheetWriter(name: "大")
        sheet.appendHeader(["身份证号", "金额"])
        for row in 1...5000 { sheet.append([.text("4305111990010\(10000 + row)"), .amount("\(row).25")]) }
        var workbook = WorkbookWriter()
        workbook.add(sheet)
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("large.xlsx")
        try Data(try workbook.bytes()).write(to: file)
        let script = """
            import sys, openpyxl
            ws = openpyxl.load_workbook(sys.argv[1], read_only=True).active
            rows = list(ws.iter_rows(values_only=True))
            assert len(rows) == 5001, len(rows)
            for i, (ident, amount) in enumerate(rows[1:], start=1):
                assert ident == "4305111990010%d" % (10000 + i), ident
                assert amount == i + 0.25, amount
            print("ok")
            """
        #expect(String(decoding: try TestPython.script(Self.python(), script, [file.path]), as: UTF8.self) == "ok\n")
    }
}

/// Where LibreOffice is installed, the workbook we write converts to CSV without error.
/// It is large, so nothing installs it; without `soffice` on the PATH this is skipped.
struct LibreOfficeTests {
    static let soffice: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        .map { String($0) + "/soffice" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: soffice != nil, "needs LibreOffice (soffice)")) func libreOfficeConvertsOurWorkbook() throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("results.xlsx")
        try Data(try WorkbookWriterTests.roster().bytes()).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.soffice))
        process.arguments = ["--headless", "--convert-to", "csv", "--outdir", directory.path, file.path]
        process.environment = ProcessInfo.processInfo.environment.merging(["HOME": directory.path]) { $1 }
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let csv = try String(contentsOf: directory.appendingPathComponent("results.csv"), encoding: .utf8)
        #expect(csv.contains("430511199001011236"))
        #expect(csv.contains("2021-01-15"))
    }
}
