@testable import Workbook
import Testing

/// Workbooks whose XML is written here, part by part, as Excel and WPS lay it out.
struct WorkbookReaderTests {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A package of these parts; `_rels/.rels` and the workbook's relationships are added unless given.
    static func package(_ parts: [String: String], sheets: [(name: String, target: String, extra: String)] = [("Sheet1", "worksheets/sheet1.xml", "")],
                        workbookPr: String = "", compress: Bool = true) throws -> [UInt8] {
        var parts = parts
        if parts["_rels/.rels"] == nil {
            parts["_rels/.rels"] = #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        }
        if parts["xl/workbook.xml"] == nil {
            let list = sheets.enumerated().map { #"<sheet name="\#($1.name)" sheetId="\#($0 + 1)" r:id="rId\#($0 + 1)"\#($1.extra)/>"# }.joined()
            parts["xl/workbook.xml"] = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="\#(main)" xmlns:r="\#(relationships)">\#(workbookPr)<sheets>\#(list)</sheets></workbook>"#
        }
        if parts["xl/_rels/workbook.xml.rels"] == nil {
            var list = sheets.enumerated().map { index, sheet in
                let type = sheet.target.contains("chartsheet") ? "chartsheet" : "worksheet"
                return #"<Relationship Id="rId\#(index + 1)" Type="\#(relationships)/\#(type)" Target="\#(sheet.target)"/>"#
            }.joined()
            if parts["xl/sharedStrings.xml"] != nil { list += #"<Relationship Id="rIdS" Type="\#(relationships)/sharedStrings" Target="sharedStrings.xml"/>"# }
            if parts["xl/styles.xml"] != nil { list += #"<Relationship Id="rIdT" Type="\#(relationships)/styles" Target="/xl/styles.xml"/>"# }
            parts["xl/_rels/workbook.xml.rels"] = #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#(list)</Relationships>"#
        }
        var zip = ZipWriter()
        for (name, text) in parts.sorted(by: { $0.key < $1.key }) { try zip.add(name, [Array(text.utf8)], compress: compress) }
        return try zip.finish()
    }

    static func sheet(_ rows: String) -> String {
        #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="\#(main)"><dimension ref="A1"/><sheetData>\#(rows)</sheetData></worksheet>"#
    }

    static func allRows(_ bytes: [UInt8], _ selector: SheetSelector = .first) throws -> [SheetRow] {
        var reader = try WorkbookReader(bytes).rows(selector)
        var rows: [SheetRow] = []
        while let row = try reader.next() { rows.append(row) }
        return rows
    }

    static let styles = #"<styleSheet xmlns="\#(main)"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy/m/d"/><numFmt numFmtId="165" formatCode="0.000"/></numFmts>"#
        + #"<cellStyleXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellStyleXfs>"#
        + #"<cellXfs count="6"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0"/><xf numFmtId="164" xfId="0"/><xf numFmtId="165" xfId="0"/><xf numFmtId="49" xfId="0"/><xf numFmtId="31" xfId="0"/></cellXfs></styleSheet>"#

    static let sharedStrings = #"<sst xmlns="\#(main)" count="5" uniqueCount="5">"#
        + "<si><t>姓名</t></si>"
        + #"<si><t xml:space="preserve"> 身份证号 </t></si>"#
        + "<si><r><rPr><b/></rPr><t>张</t></r><r><t>三</t></r><rPh sb=\"0\" eb=\"1\"><t>ちょう</t></rPh></si>"
        + "<si><t>430511199001011236</t></si>"
        + "<si><t>A &amp; B &#x4E1C;村</t></si><si/></sst>"

    @Test func readsEveryCellType() throws {
        let rows = Self.sheet("""
            <row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
            <row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c><c r="D2" s="1"><v>44211</v></c><c r="E2"><v>4.30511E+17</v></c>
              <c r="F2" t="b"><v>1</v></c><c r="G2" t="e"><v>#N/A</v></c><c r="H2" t="str"><f>A2&amp;B2</f><v>张三430511</v></c>
              <c r="I2" t="inlineStr"><is><t>内联</t></is></c><c r="J2" t="d"><v>2021-01-15T00:00:00</v></c><c r="K2" s="2"><v>44197.5</v></c>
              <c r="L2" s="3"><v>0.1</v></c><c r="M2" s="4" t="s"><v>4</v></c><c r="N2" s="5"><v>44211</v></c><c r="O2" t="s"><v>5</v></c></row>
            <row r="4"><c r="B4" s="1"/><c r="C4"><v>  12 </v></c></row>
            <row r="5"><c r="A5" s="2"/></row>
            <row r="7"><c><v>1</v></c><c><v>2</v></c><c r="E7"><v>5</v></c><c><v>6</v></c></row>
            """)
        let bytes = try Self.package(["xl/worksheets/sheet1.xml": rows, "xl/styles.xml": Self.styles, "xl/sharedStrings.xml": Self.sharedStrings])
        let read = try Self.allRows(bytes)
        #expect(read.map(\.number) == [1, 2, 4, 7])
        #expect(read[0].cells == [.text("姓名"), .text(" 身份证号 ")])
        #expect(read[1].cells == [.text("张三"), .text("430511199001011236"), .empty, .date(serial: "44211"), .number("4.30511E+17"),
                                  .bool(true), .error("#N/A"), .text("张三430511"), .text("内联"), .isoDate("2021-01-15T00:00:00"),
                                  .date(serial: "44197.5"), .number("0.1"), .text("A & B 东村"), .date(serial: "44211")])
        #expect(read[2].cells == [.empty, .empty, .number("12")])
        #expect(read[3].cells == [.number("1"), .number("2"), .empty, .empty, .number("5"), .number("6")])
        #expect(read[3][10] == .empty)
    }

    @Test func readsUncompressedPackagesAndPrefixedXML() throws {
        let rows = #"<x:worksheet xmlns:x="\#(Self.main)"><x:sheetData><x:row r="3"><x:c r="C3" t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>"#
        let bytes = try Self.package(["xl/worksheets/sheet1.xml": rows], compress: false)
        #expect(try Self.allRows(bytes) == [SheetRow(number: 3, cells: [.empty, .empty, .text("x")])])
    }

    @Test func selectsSheetsByNamePositionOrFirstVisible() throws {
        let parts = [
            "xl/worksheets/sheet1.xml": Self.sheet(#"<row r="1"><c r="A1"><v>1</v></c></row>"#),
            "xl/worksheets/sheet2.xml": Self.sheet(#"<row r="1"><c r="A1"><v>2</v></c></row>"#),
            "xl/chartsheets/sheet1.xml": "<chartsheet/>",
            "xl/worksheets/sheet3.xml": Self.sheet(#"<row r="1"><c r="A1"><v>3</v></c></row>"#),
        ]
        let bytes = try Self.package(parts, sheets: [("隐藏", "worksheets/sheet1.xml", #" state="hidden""#), ("图表", "chartsheets/sheet1.xml", ""),
                                                     ("花名册", "worksheets/sheet2.xml", ""), ("2", "/xl/worksheets/sheet3.xml", "")])
        let workbook = try WorkbookReader(bytes)
        #expect(workbook.sheets.map(\.name) == ["隐藏", "图表", "花名册", "2"])
        #expect(workbook.sheets.map(\.isWorksheet) == [true, false, true, true])
        #expect(workbook.sheets[3].part == "xl/worksheets/sheet3.xml")
        #expect(try Self.allRows(bytes)[0].cells == [.number("2")])
        #expect(try Self.allRows(bytes, .named("隐藏"))[0].cells == [.number("1")])
        #expect(try Self.allRows(bytes, .position(4))[0].cells == [.number("3")])
        #expect(try Self.allRows(bytes, SheetSelector("2", in: workbook.sheets))[0].cells == [.number("3")])
        #expect(try Self.allRows(bytes, SheetSelector("3", in: workbook.sheets))[0].cells == [.number("2")])
        #expect(throws: WorkbookError.notAWorksheet("图表")) { try workbook.sheet(.position(2)) }
        #expect(throws: WorkbookError.sheetPositionOutOfRange(5, count: 4)) { try workbook.sheet(.position(5)) }
        #expect(throws: WorkbookError.noSuchSheet("名单", available: ["隐藏", "图表", "花名册", "2"])) { try workbook.sheet(.named("名单")) }
        #expect(WorkbookError.noSuchSheet("名单", available: ["a", "b"]).description == "no sheet named '名单'; the sheets are 'a', 'b'")
    }

    @Test func reports1904Dates() throws {
        let bytes = try Self.package(["xl/worksheets/sheet1.xml": Self.sheet("")], workbookPr: #"<workbookPr date1904="1"/>"#)
        let workbook = try WorkbookReader(bytes)
        #expect(workbook.uses1904Dates)
        #expect(try Self.allRows(bytes).isEmpty)
    }

    @Test func findsTheWorkbookThroughTheRootRelationships() throws {
        let parts = [
            "_rels/.rels": #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(Self.relationships)/officeDocument" Target="/book/main.xml"/></Relationships>"#,
            "book/main.xml": #"<workbook xmlns="\#(Self.main)" xmlns:r="\#(Self.relationships)"><sheets><sheet name="S" sheetId="1" r:id="r1"/></sheets></workbook>"#,
            "book/_rels/main.xml.rels": #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="\#(Self.relationships)/worksheet" Target="../data/s.xml"/></Relationships>"#,
            "data/s.xml": Self.sheet(#"<row r="2"><c r="B2"><v>7</v></c></row>"#),
            "xl/workbook.xml": "unused", "xl/_rels/workbook.xml.rels": "unused",
        ]
        #expect(try Self.allRows(try Self.package(parts)) == [SheetRow(number: 2, cells: [.empty, .number("7")])])
    }

    @Test func refusesWhatIsNoWorkbook() throws {
        var zip = ZipWriter()
        try zip.add("word/document.xml", [Array("<w:document/>".utf8)])
        #expect(throws: WorkbookError.notAWorkbook) { try WorkbookReader(try zip.finish()) }
        var ods = ZipWriter()
        try ods.add("mimetype", [Array("application/vnd.oasis.opendocument.spreadsheet".utf8)], compress: false)
        #expect(throws: WorkbookError.openDocument) { try WorkbookReader(try ods.finish()) }
        var xlsb = ZipWriter()
        try xlsb.add("xl/workbook.bin", [[0, 1, 2]])
        #expect(throws: WorkbookError.binaryWorkbook) { try WorkbookReader(try xlsb.finish()) }
        let xls: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600)
        #expect(throws: WorkbookError.zip(.oldExcelFormat)) { try WorkbookReader(xls) }
        #expect(throws: WorkbookError.zip(.notAZip)) { try WorkbookReader(Array("姓名,身份证号\n".utf8)) }
    }

    @Test func refusesBrokenSheets() throws {
        let cases: [(String, WorkbookError)] = [
            (Self.sheet(#"<row r="1"><c r="A1" t="s"><v>9</v></c></row>"#),
             .malformedXML(part: "xl/worksheets/sheet1.xml", reason: "shared string 9 does not exist (row 1)")),
            (Self.sheet(#"<row r="x"><c r="A1"><v>1</v></c></row>"#), .malformedXML(part: "xl/worksheets/sheet1.xml", reason: "row number 'x'")),
            (Self.sheet(#"<row r="1"><c r="1A"><v>1</v></c></row>"#),
             .malformedXML(part: "xl/worksheets/sheet1.xml", reason: "cell reference '1A' in row 1")),
            (Self.sheet(#"<row r="1"><c r="A1" t="q"><v>1</v></c></row>"#),
             .malformedXML(part: "xl/worksheets/sheet1.xml", reason: "unknown cell type 'q'")),
            ("<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v>", .malformedXML(part: "xl/worksheets/sheet1.xml", reason: "the document ends inside a cell of row 1")),
            ("<worksheet/>", .malformedXML(part: "xl/worksheets/sheet1.xml", reason: "no <sheetData> (not a worksheet?)")),
        ]
        for (xml, error) in cases {
            let bytes = try Self.package(["xl/worksheets/sheet1.xml": xml])
            #expect(throws: error) { _ = try Self.allRows(bytes) }
        }
        let missing = try Self.package([:])
        #expect(throws: WorkbookError.missingPart("xl/worksheets/sheet1.xml")) { _ = try Self.allRows(missing) }
    }

    @Test func streamsALargeSheetRowByRow() throws {
        // 30,000 rows, about 2 MB of sheet XML: read in several chunks, with row numbers kept.
        var writer = SheetWriter(name: "大")
        writer.appendHeader(["身份证号", "金额"])
        for row in 1...30_000 { writer.append([.text("43051119900101\(1000 + row % 9000)"), .amount("\(row % 1000).50")]) }
        var workbook = WorkbookWriter()
        workbook.add(writer)
        var reader = try WorkbookReader(try workbook.bytes()).rows()
        var count = 0
        var last = 0
        while let row = try reader.next() {
            count += 1
            #expect(row.number == last + 1)
            last = row.number
        }
        #expect(count == 30_001)
    }
}

struct StrictWorkbookTests {
    /// Excel's "Strict Open XML Spreadsheet": other namespaces and relationship types (purl.oclc.org), ISO dates.
    @Test func readsStrictOOXML() throws {
        let main = "http://purl.oclc.org/ooxml/spreadsheetml/main"
        let relationships = "http://purl.oclc.org/ooxml/officeDocument/relationships"
        let parts = [
            "_rels/.rels": #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            "xl/workbook.xml": #"<workbook xmlns="\#(main)" xmlns:r="\#(relationships)"><workbookPr dateCompatibility="0"/><sheets><sheet name="严格" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            "xl/_rels/workbook.xml.rels": #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(relationships)/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="\#(relationships)/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
            "xl/sharedStrings.xml": #"<sst xmlns="\#(main)"><si><t>身份证号</t></si></sst>"#,
            "xl/worksheets/sheet1.xml": #"<worksheet xmlns="\#(main)"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="d"><v>2021-01-15</v></c></row></sheetData></worksheet>"#,
        ]
        let rows = try WorkbookReaderTests.allRows(try WorkbookReaderTests.package(parts))
        #expect(rows == [SheetRow(number: 1, cells: [.text("身份证号"), .isoDate("2021-01-15")])])
    }
}

struct RowLimitTests {
    @Test func refusesARowOverTheLimit() throws {
        let text = String(repeating: "x", count: 1 << 20)
        let cells = (1...17).map { #"<c r="\#(CellReference.columnName($0))1" t="inlineStr"><is><t>\#(text)</t></is></c>"# }.joined()
        let bytes = try WorkbookReaderTests.package(["xl/worksheets/sheet1.xml": WorkbookReaderTests.sheet(#"<row r="1">\#(cells)</row>"#)], compress: false)
        #expect(throws: WorkbookError.malformedXML(part: "xl/worksheets/sheet1.xml", reason: "row 1 holds more than 16777216 bytes")) {
            _ = try WorkbookReaderTests.allRows(bytes)
        }
    }
}
