/// An `.xlsx` workbook opened for reading: its sheets, and a row stream for any worksheet.
///
///     let workbook = try WorkbookReader(bytes)
///     var rows = try workbook.rows(.first)
///     while let row = try rows.next() { print(row.number, row.cells) }
///
/// Follows the package's relationships (`_rels/.rels` → the workbook part → its
/// `.rels` → sheets, shared strings, styles), so unusual part names work. Shared strings
/// and styles are read once, here; sheet XML is streamed by `SheetRowReader`.
public struct WorkbookReader: Sendable {
    /// All sheets in tab order.
    public let sheets: [SheetInfo]
    /// True when the workbook counts dates from 1904-01-01 (`workbookPr date1904`).
    public let uses1904Dates: Bool
    private let archive: ZipArchive
    private let strings: SharedStrings
    private let styles: CellStyles

    private struct Relationship {
        var type: String
        var target: String
    }

    /// Opens the workbook in `bytes` (the whole `.xlsx` file).
    ///
    /// - Throws: `WorkbookError.zip` for a file that is no readable zip (an `.xls` gives
    ///   `.zip(.oldExcelFormat)`), `.openDocument`, `.binaryWorkbook`, `.notAWorkbook`,
    ///   `.missingPart`, `.malformedXML`.
    public init(_ bytes: [UInt8], limits: ZipLimits = .standard) throws(WorkbookError) {
        do { archive = try ZipArchive(bytes, limits: limits) } catch { throw .zip(error) }
        if let mimetype = archive.entry(named: "mimetype"),
           let text = try? archive.extract(mimetype), text.starts(with: Array("application/vnd.oasis.opendocument".utf8)) {
            throw .openDocument
        }
        var workbookPart = "xl/workbook.xml"
        if archive.entry(named: "_rels/.rels") != nil {
            let root = try WorkbookReader.relationships(archive, "_rels/.rels", source: "")
            if let office = root.values.first(where: { $0.type.hasSuffix("/officeDocument") }) { workbookPart = office.target }
        }
        if workbookPart.hasSuffix(".bin") || archive.entry(named: "xl/workbook.bin") != nil && archive.entry(named: workbookPart) == nil {
            throw .binaryWorkbook
        }
        guard archive.entry(named: workbookPart) != nil else { throw .notAWorkbook }
        let relationshipsPart = PartPath.relationships(of: workbookPart)
        let related = archive.entry(named: relationshipsPart) == nil
            ? [:] : try WorkbookReader.relationships(archive, relationshipsPart, source: workbookPart)

        var sheets: [SheetInfo] = []
        var uses1904 = false
        var tokens = try WorkbookReader.tokens(archive, workbookPart)
        while try tokens.next() {
            guard tokens.kind == .startTag else { continue }
            if tokens.isNamed("workbookPr") {
                let value = tokens.attribute("date1904")
                uses1904 = value == "1" || value == "true"
            } else if tokens.isNamed("sheet") {
                guard let name = tokens.attribute("name") else { throw tokens.malformed("a sheet without a name") }
                let relationship = tokens.attribute("id").flatMap { related[$0] }
                let part = relationship?.target ?? ""
                let type = relationship?.type ?? "/worksheet"
                let state = tokens.attribute("state") ?? "visible"
                sheets.append(SheetInfo(name: name, position: sheets.count + 1, part: part,
                                        isWorksheet: type.hasSuffix("/worksheet"), isHidden: state != "visible"))
            }
        }
        self.sheets = sheets
        uses1904Dates = uses1904

        let archive = archive
        let relatedPart = { (suffix: String, fallback: String) -> String? in
            if let found = related.values.first(where: { $0.type.hasSuffix(suffix) }) { return found.target }
            return archive.entry(named: fallback) != nil ? fallback : nil
        }
        if let part = relatedPart("/sharedStrings", "xl/sharedStrings.xml") {
            strings = try SharedStrings(WorkbookReader.stream(archive, part), part: part)
        } else {
            strings = SharedStrings()
        }
        if let part = relatedPart("/styles", "xl/styles.xml") {
            styles = try CellStyles(WorkbookReader.stream(archive, part), part: part)
        } else {
            styles = CellStyles()
        }
    }

    /// The sheet `selector` picks.
    ///
    /// - Throws: `.noWorksheets`, `.noSuchSheet` (with the names there are),
    ///   `.sheetPositionOutOfRange`, `.notAWorksheet`.
    public func sheet(_ selector: SheetSelector) throws(WorkbookError) -> SheetInfo {
        let found: SheetInfo
        switch selector {
        case .first:
            guard let first = sheets.first(where: { $0.isWorksheet && !$0.isHidden }) ?? sheets.first(where: \.isWorksheet) else {
                throw .noWorksheets
            }
            found = first
        case .named(let name):
            guard let sheet = sheets.first(where: { $0.name == name })
                    ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw .noSuchSheet(name, available: sheets.map(\.name))
            }
            found = sheet
        case .position(let position):
            guard position >= 1, position <= sheets.count else { throw .sheetPositionOutOfRange(position, count: sheets.count) }
            found = sheets[position - 1]
        }
        guard found.isWorksheet else { throw .notAWorksheet(found.name) }
        return found
    }

    /// Streams the rows of the sheet `selector` picks.
    public func rows(_ selector: SheetSelector = .first) throws(WorkbookError) -> SheetRowReader {
        try rows(of: sheet(selector))
    }

    /// Streams the rows of `sheet`.
    public func rows(of sheet: SheetInfo) throws(WorkbookError) -> SheetRowReader {
        guard let entry = archive.entry(named: sheet.part) else { throw .missingPart(sheet.part.isEmpty ? "sheet '\(sheet.name)'" : sheet.part) }
        do {
            return SheetRowReader(try archive.stream(entry), part: sheet.part, strings: strings, styles: styles)
        } catch {
            throw .zip(error)
        }
    }

    // MARK: - Parts

    /// A stream of `part`, limited to `maximumExtractedSize` (its contents are all kept).
    private static func stream(_ archive: ZipArchive, _ part: String) throws(WorkbookError) -> ZipEntryStream {
        guard let entry = archive.entry(named: part) else { throw .missingPart(part) }
        do { return try archive.stream(entry, sizeLimit: archive.limits.maximumExtractedSize) } catch { throw .zip(error) }
    }

    private static func tokens(_ archive: ZipArchive, _ part: String) throws(WorkbookError) -> XMLTokenizer<ZipEntryStream> {
        XMLTokenizer(try stream(archive, part), part: part)
    }

    /// The relationships in a `.rels` part, by id, with internal targets resolved against `source`.
    private static func relationships(_ archive: ZipArchive, _ part: String, source: String) throws(WorkbookError) -> [String: Relationship] {
        var result: [String: Relationship] = [:]
        var tokens = try tokens(archive, part)
        while try tokens.next() {
            guard tokens.kind == .startTag, tokens.isNamed("Relationship"),
                  let id = tokens.attribute("Id"), let target = tokens.attribute("Target") else { continue }
            if tokens.attribute("TargetMode") == "External" { continue }
            result[id] = Relationship(type: tokens.attribute("Type") ?? "", target: PartPath.resolve(target, from: source))
        }
        return result
    }
}
