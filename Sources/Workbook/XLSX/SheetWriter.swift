/// One worksheet being written, row by row.
///
/// Rows are encoded to sheet XML as they are appended, so memory holds the XML (about
/// 30–60 bytes per cell), not the cells; `WorkbookWriter` deflates it when the workbook is
/// finished. Texts are inline strings. The first row can be a bold header, frozen
/// so it stays in view, and column widths follow the longest value unless given.
public struct SheetWriter: Sendable {
    /// The sheet's tab name (made valid and unique by `WorkbookWriter`).
    public var name: String
    /// Rows appended so far.
    public private(set) var rowCount = 0
    /// Whether the first row stays in view when scrolling (a frozen pane below row 1).
    public var freezesHeader: Bool
    /// Column widths in characters; nil: from the longest value, between 8 and 60.
    public var columnWidths: [Double]?

    private var rows: [UInt8] = []
    private var measured: [Int] = []
    private var columnNames: [[UInt8]] = []
    private var rowDigits: [UInt8] = []

    /// Style indexes in the writer's `styles.xml`.
    enum Style: Int { case normal = 0, header = 1, date = 2, amount = 3, text = 4 }

    /// A sheet with nothing in it yet.
    public init(name: String, freezesHeader: Bool = true, columnWidths: [Double]? = nil) {
        self.name = name
        self.freezesHeader = freezesHeader
        self.columnWidths = columnWidths
        rows.reserveCapacity(1 << 16)
    }

    /// Appends a row of bold text cells (the header).
    public mutating func appendHeader(_ titles: [String]) {
        appendRow(titles.map { .text($0) }, header: true)
    }

    /// Appends a row; `.empty` cells are left out.
    ///
    /// - Precondition: at most 16,384 cells, and fewer than 1,048,576 rows so far.
    public mutating func append(_ cells: [OutputCell]) {
        appendRow(cells, header: false)
    }

    private mutating func appendRow(_ cells: [OutputCell], header: Bool) {
        precondition(cells.count <= CellReference.maximumColumn, "more columns than a worksheet has")
        precondition(rowCount < CellReference.maximumRow, "more rows than a worksheet has")
        rowCount += 1
        rowDigits.removeAll(keepingCapacity: true)
        SheetWriter.appendDecimal(rowCount, to: &rowDigits)
        rows.appendStatic("<row r=\"")
        rows.append(contentsOf: rowDigits)
        rows.appendStatic("\">")
        for (index, cell) in cells.enumerated() {
            var width = 0
            switch cell {
            case .empty:
                continue
            case .text(let text):
                appendText(text, index, style: header ? .header : .text)
                width = SheetWriter.displayWidth(text)
            case .number(let text) where OutputCell.isNumberLiteral(text):
                openCell(index, style: .normal, type: nil)
                appendValue(text)
                width = text.utf8.count
            case .amount(let text) where OutputCell.isNumberLiteral(text):
                openCell(index, style: .amount, type: nil)
                appendValue(text)
                width = text.utf8.count + 1
            case .number(let text), .amount(let text):
                appendText(text, index, style: .text)
                width = SheetWriter.displayWidth(text)
            case .date(let serial):
                openCell(index, style: .date, type: nil)
                rows.appendStatic("<v>")
                SheetWriter.appendDecimal(serial, to: &rows)
                rows.appendStatic("</v></c>")
                width = 10
            case .bool(let value):
                openCell(index, style: .normal, type: "b")
                rows.appendStatic(value ? "<v>1</v></c>" : "<v>0</v></c>")
                width = 5
            }
            if measured.count <= index { measured.append(contentsOf: repeatElement(0, count: index + 1 - measured.count)) }
            measured[index] = max(measured[index], header ? width + 2 : width)
        }
        rows.appendStatic("</row>")
    }

    /// Excel's limit on a cell's text, in UTF-16 code units; a longer text makes it
    /// report the file as damaged.
    static let maximumTextLength = 32_767

    /// An inline-string cell; a text over Excel's limit is cut to it.
    private mutating func appendText(_ text: String, _ index: Int, style: Style) {
        var text = text
        if text.utf8.count > SheetWriter.maximumTextLength, text.utf16.count > SheetWriter.maximumTextLength {
            var kept = ""
            var units = 0
            for character in text {
                units += character.utf16.count
                if units > SheetWriter.maximumTextLength { break }
                kept.append(character)
            }
            text = kept
        }
        openCell(index, style: style, type: "inlineStr")
        // XML white space (space, tab, line breaks) at either end is kept only when marked.
        let isSpace = { (byte: UInt8?) in byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        rows.appendStatic(isSpace(text.utf8.first) || isSpace(text.utf8.last) ? "<is><t xml:space=\"preserve\">" : "<is><t>")
        XMLText.appendEscaped(text, to: &rows)
        rows.appendStatic("</t></is></c>")
    }

    private mutating func openCell(_ index: Int, style: Style, type: StaticString?) {
        while columnNames.count <= index { columnNames.append(Array(CellReference.columnName(columnNames.count + 1).utf8)) }
        rows.appendStatic("<c r=\"")
        rows.append(contentsOf: columnNames[index])
        rows.append(contentsOf: rowDigits)
        switch style {
        case .normal: rows.appendStatic("\"")
        case .header: rows.appendStatic("\" s=\"1\"")
        case .date: rows.appendStatic("\" s=\"2\"")
        case .amount: rows.appendStatic("\" s=\"3\"")
        case .text: rows.appendStatic("\" s=\"4\"")
        }
        if let type {
            rows.appendStatic(" t=\"")
            rows.appendStatic(type)
            rows.append(UInt8(ascii: "\""))
        }
        rows.append(UInt8(ascii: ">"))
    }

    private mutating func appendValue(_ text: String) {
        rows.appendStatic("<v>")
        rows.append(contentsOf: text.utf8)
        rows.appendStatic("</v></c>")
    }

    /// Appends the decimal digits of `value`.
    static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            bytes.append(contentsOf: buffer[(20 - count)...])
        }
    }

    /// Columns a text takes in a spreadsheet: 2 for East Asian wide characters, else 1.
    static func displayWidth(_ text: String) -> Int {
        var width = 0
        var utf8 = text.utf8.makeIterator()
        while let lead = utf8.next() {
            if lead < 0x80 { width += 1; continue }
            if lead < 0xE0 { _ = utf8.next(); width += 1; continue }       // 2 bytes: U+0080…U+07FF, narrow
            if lead >= 0xF0 {                                               // 4 bytes: supplementary planes
                let second = utf8.next() ?? 0
                _ = utf8.next(); _ = utf8.next()
                let plane = Int(lead & 0x07) << 2 | Int(second & 0x30) >> 4
                width += plane == 2 || plane == 3 ? 2 : 1                   // CJK Extension B… in planes 2 and 3
                continue
            }
            let value = Int(lead & 0x0F) << 12 | Int((utf8.next() ?? 0) & 0x3F) << 6 | Int((utf8.next() ?? 0) & 0x3F)
            let wide = (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
                || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value)
            width += wide ? 2 : 1
        }
        return width
    }

    /// The sheet's XML in pieces (head, rows, tail), for the zip writer.
    func xml(selected: Bool) -> [[UInt8]] {
        var head: [UInt8] = []
        head.append(contentsOf: #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#.utf8)
        head.append(contentsOf: "\n".utf8)
        head.append(contentsOf: #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#.utf8)
        let lastColumn = max(1, columnWidths?.count ?? 0, measured.count)
        let dimension = rowCount == 0 ? "A1" : "A1:" + CellReference.columnName(lastColumn) + String(rowCount)
        head.append(contentsOf: #"<dimension ref="\#(dimension)"/>"#.utf8)
        head.append(contentsOf: #"<sheetViews><sheetView workbookViewId="0"\#(selected ? #" tabSelected="1""# : "")>"#.utf8)
        if freezesHeader {
            head.append(contentsOf: #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#.utf8)
            head.append(contentsOf: #"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>"#.utf8)
        }
        head.append(contentsOf: "</sheetView></sheetViews>".utf8)
        head.append(contentsOf: #"<sheetFormatPr defaultRowHeight="15"/>"#.utf8)
        let widths = columnWidths ?? measured.map { Double(min(60, max(8, $0 + 2))) }
        if !widths.isEmpty {
            head.append(contentsOf: "<cols>".utf8)
            for (index, width) in widths.enumerated() {
                let shown = (width * 100).rounded() / 100
                head.append(contentsOf: #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(shown)" customWidth="1"/>"#.utf8)
            }
            head.append(contentsOf: "</cols>".utf8)
        }
        head.append(contentsOf: "<sheetData>".utf8)
        let tail = Array(#"</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>"#.utf8)
        return [head, rows, tail]
    }
}

extension [UInt8] {
    /// Appends a literal's UTF-8 bytes (one copy, no iteration).
    mutating func appendStatic(_ text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
