/// Assembles sheets into an `.xlsx` file.
///
///     var sheet = SheetWriter(name: "结果")
///     sheet.appendHeader(["身份证号", "应缴", "参保日期"])
///     sheet.append([.text("430511199001011236"), .amount("380.00"), .date(year: 2021, month: 1, day: 15)])
///     var workbook = WorkbookWriter()
///     workbook.add(sheet)
///     let bytes = try workbook.bytes()
///
/// The package has the parts Excel, WPS and LibreOffice need and nothing else:
/// `[Content_Types].xml`, `_rels/.rels`, `xl/workbook.xml` and its relationships,
/// `xl/styles.xml` (bold header, text `@`, `yyyy-mm-dd`, `0.00`) and one part per sheet.
/// The first sheet is the active one.
public struct WorkbookWriter: Sendable {
    private var sheets: [SheetWriter] = []

    /// A workbook with no sheets yet.
    public init() {}

    /// Adds a sheet after the others.
    public mutating func add(_ sheet: SheetWriter) { sheets.append(sheet) }

    /// The `.xlsx` file, with each part deflated (or stored, `compress: false`).
    ///
    /// A workbook needs a sheet: with none added, an empty one called `Sheet1` is written.
    /// Sheet names are made valid for Excel (`[]:*?/\` become `_`, at most 31 characters,
    /// not empty) and unique (` (2)`, ` (3)` … appended).
    /// - Throws: `ZipError.entryTooLarge` past 4 GiB.
    public func bytes(compress: Bool = true) throws(ZipError) -> [UInt8] {
        let sheets = self.sheets.isEmpty ? [SheetWriter(name: "Sheet1", freezesHeader: false)] : self.sheets
        let names = WorkbookWriter.validNames(sheets.map(\.name))
        var zip = ZipWriter()
        let prolog = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

        var types = prolog + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        types += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        types += #"<Default Extension="xml" ContentType="application/xml"/>"#
        types += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        for index in sheets.indices {
            types += #"<Override PartName="/xl/worksheets/sheet\#(index + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        types += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        types += "</Types>"
        try zip.add("[Content_Types].xml", [Array(types.utf8)], compress: compress)

        let root = prolog + #"<Relationships xmlns="\#(packageRelationships)"><Relationship Id="rId1" Type="\#(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        try zip.add("_rels/.rels", [Array(root.utf8)], compress: compress)

        var workbook: [UInt8] = Array((prolog + #"<workbook xmlns="\#(main)" xmlns:r="\#(relationships)">"#
            + #"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#).utf8)
        for (index, name) in names.enumerated() {
            workbook.append(contentsOf: #"<sheet name=""#.utf8)
            XMLText.appendEscaped(name, to: &workbook, attribute: true)
            workbook.append(contentsOf: #"" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#.utf8)
        }
        workbook.append(contentsOf: "</sheets></workbook>".utf8)
        try zip.add("xl/workbook.xml", [workbook], compress: compress)

        var related = prolog + #"<Relationships xmlns="\#(packageRelationships)">"#
        for index in sheets.indices {
            related += #"<Relationship Id="rId\#(index + 1)" Type="\#(relationships)/worksheet" Target="worksheets/sheet\#(index + 1).xml"/>"#
        }
        related += #"<Relationship Id="rId\#(sheets.count + 1)" Type="\#(relationships)/styles" Target="styles.xml"/>"#
        related += "</Relationships>"
        try zip.add("xl/_rels/workbook.xml.rels", [Array(related.utf8)], compress: compress)
        try zip.add("xl/styles.xml", [Array((prolog + WorkbookWriter.styles).utf8)], compress: compress)
        for (index, sheet) in sheets.enumerated() {
            try zip.add("xl/worksheets/sheet\(index + 1).xml", sheet.xml(selected: index == 0), compress: compress)
        }
        return try zip.finish()
    }

    /// Cell styles, in the order of `SheetWriter.Style`.
    static let styles = #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + #"<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
        + #"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="5">"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + "</cellXfs>"
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"

    /// Names Excel accepts, unique ignoring case.
    static func validNames(_ names: [String]) -> [String] {
        var used = Set<String>()
        return names.map { name in
            var base = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 })
            if base.hasPrefix("'") || base.hasSuffix("'") { base = base.replacingApostrophesAtEdges }
            if base.isEmpty { base = "Sheet" }
            base = String(base.prefix(31))
            var candidate = base
            var number = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(number))"
                candidate = String(base.prefix(31 - suffix.count)) + suffix
                number += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }
}

extension String {
    /// `'` at the start or end replaced with `_` (Excel refuses those sheet names).
    fileprivate var replacingApostrophesAtEdges: String {
        var characters = Array(self)
        if characters.first == "'" { characters[0] = "_" }
        if characters.last == "'" { characters[characters.count - 1] = "_" }
        return String(characters)
    }
}
