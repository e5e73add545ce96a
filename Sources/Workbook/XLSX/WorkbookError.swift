/// Why a workbook cannot be read, worded for the clerk who has to fix the file.
public enum WorkbookError: Error, Equatable, Hashable, Sendable {
    /// The zip container is unreadable, or an entry is refused (see `ZipError`).
    case zip(ZipError)
    /// A zip archive, but no Office Open XML workbook (no `xl/workbook.xml` or equivalent).
    case notAWorkbook
    /// A binary Excel workbook (`.xlsb`).
    case binaryWorkbook
    /// An OpenDocument spreadsheet (`.ods`, LibreOffice's and WPS's own format).
    case openDocument
    /// A part the workbook names is missing from the archive.
    case missingPart(String)
    /// A part is not well-formed XML, or not the XML its kind requires.
    case malformedXML(part: String, reason: String)
    /// The workbook lists no worksheet (only chart sheets, or none).
    case noWorksheets
    /// No sheet has this name; the names there are.
    case noSuchSheet(String, available: [String])
    /// A 1-based sheet position past the last sheet.
    case sheetPositionOutOfRange(Int, count: Int)
    /// The selected sheet is a chart sheet or dialog sheet, not a worksheet.
    case notAWorksheet(String)
}

extension WorkbookError: CustomStringConvertible {
    /// One line, in English.
    public var description: String {
        switch self {
        case .zip(let error): return error.description
        case .notAWorkbook: return "a zip archive but not an Excel workbook (.xlsx)"
        case .binaryWorkbook: return "a binary Excel workbook (.xlsb); open it in Excel and save it as .xlsx (Excel Workbook)"
        case .openDocument: return "an OpenDocument spreadsheet (.ods); save it as .xlsx (Excel Workbook)"
        case .missingPart(let part): return "the workbook is damaged: part '\(part)' is missing"
        case .malformedXML(let part, let reason): return "the workbook is damaged: \(part): \(reason)"
        case .noWorksheets: return "the workbook has no worksheet"
        case .noSuchSheet(let name, let available):
            return "no sheet named '\(name)'; the sheets are " + available.map { "'\($0)'" }.joined(separator: ", ")
        case .sheetPositionOutOfRange(let position, let count):
            return "no sheet \(position): the workbook has \(count) sheet" + (count == 1 ? "" : "s")
        case .notAWorksheet(let name): return "sheet '\(name)' is a chart or dialog sheet, not a worksheet"
        }
    }
}
