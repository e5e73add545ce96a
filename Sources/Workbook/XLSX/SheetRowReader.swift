/// Streams a worksheet's rows in order, one `SheetRow` at a time.
///
/// Memory holds one inflate chunk, the current row and the shared strings, whatever
/// the sheet's size: no document tree is built. Rows with no non-empty cell are
/// skipped (their numbers are simply absent); each row carries its sheet row number.
/// Formulas are not evaluated: a formula cell gives its cached value.
///
/// The sheet entry's size and CRC-32 are checked when its end is read, so a damaged
/// entry can fail after some of its rows have been returned: a caller that must not act
/// on a damaged file reads to the end (nil) before it commits to anything.
public struct SheetRowReader {
    private var tokens: XMLTokenizer<ZipEntryStream>
    private let strings: SharedStrings
    private let styles: CellStyles
    private var inSheetData = false
    private var finished = false
    private var lastRow = 0
    private var cells: [CellValue] = []

    init(_ stream: ZipEntryStream, part: String, strings: SharedStrings, styles: CellStyles) {
        tokens = XMLTokenizer(stream, part: part)
        self.strings = strings
        self.styles = styles
        cells.reserveCapacity(64)
    }

    /// The next row that has a value, or nil after the last one.
    ///
    /// - Throws: `WorkbookError.zip` when the sheet's entry fails (corrupt, too large, a
    ///   zip bomb: inflating stops at once), `.malformedXML` for broken sheet XML.
    public mutating func next() throws(WorkbookError) -> SheetRow? {
        if finished { return nil }
        while try tokens.next() {
            switch tokens.kind {
            case .startTag:
                if !inSheetData {
                    if tokens.isNamed("sheetData") {
                        if tokens.isEmptyElement { finished = true; return nil }
                        inSheetData = true
                    }
                    continue
                }
                guard tokens.isNamed("row") else { continue }
                var number = lastRow + 1
                if let range = tokens.attributeRange("r") {
                    guard let value = integer(range), value >= 1, value <= CellReference.maximumRow else {
                        throw tokens.malformed("row number '\(String(decoding: tokens.buffer[range], as: UTF8.self))'")
                    }
                    number = value
                }
                lastRow = number
                if tokens.isEmptyElement { continue }
                cells.removeAll(keepingCapacity: true)
                try readCells(row: number)
                while let last = cells.last, last.isEmpty { cells.removeLast() }
                if !cells.isEmpty { return SheetRow(number: number, cells: cells) }
            case .endTag:
                if inSheetData, tokens.isNamed("sheetData") {
                    // Read the rest, so the entry's size and CRC-32 are checked at its end.
                    finished = true
                    while try tokens.next() {}
                    return nil
                }
            case .text:
                continue
            }
        }
        finished = true
        if !inSheetData { throw tokens.malformed("no <sheetData> (not a worksheet?)") }
        throw tokens.malformed("the document ends inside <sheetData>")
    }

    private enum CellType { case number, shared, inline, string, bool, error, iso }

    /// Most bytes of cell values one row may hold, shared strings aside (they are not
    /// copied): 16 MiB, so a hostile row cannot take the memory the sheet's size allows.
    public static let maximumRowBytes = 16 << 20

    /// Reads `<c>` elements up to `</row>` into `cells`.
    private mutating func readCells(row: Int) throws(WorkbookError) {
        var column = 0  // 1-based column of the last cell
        var rowBytes = 0
        while try tokens.next() {
            switch tokens.kind {
            case .startTag:
                guard tokens.isNamed("c") else { continue }
                // One pass over the attributes: r (reference), s (style), t (type).
                var referenceRange: Range<Int>? = nil, styleRange: Range<Int>? = nil, typeRange: Range<Int>? = nil
                for attribute in tokens.attributes where attribute.name.count == 1 {
                    switch tokens.buffer[attribute.name.lowerBound] {
                    case UInt8(ascii: "r"): referenceRange = attribute.value
                    case UInt8(ascii: "s"): styleRange = attribute.value
                    case UInt8(ascii: "t"): typeRange = attribute.value
                    default: continue
                    }
                }
                if let range = referenceRange {
                    guard let reference = CellReference.parse(tokens.buffer[range]) else {
                        throw tokens.malformed("cell reference '\(String(decoding: tokens.buffer[range], as: UTF8.self))' in row \(row)")
                    }
                    column = reference.column
                } else {
                    column += 1
                    if column > CellReference.maximumColumn { throw tokens.malformed("more than \(CellReference.maximumColumn) cells in row \(row)") }
                }
                let type = try cellType(typeRange)
                let style = styleRange.flatMap { integer($0) } ?? 0
                if tokens.isEmptyElement { continue }
                let value = try readCell(type: type, style: style, row: row)
                switch value {
                case .empty: continue
                case .text(let text) where type != .shared: rowBytes += text.utf8.count
                case .number(let text), .date(let text), .isoDate(let text), .error(let text): rowBytes += text.utf8.count
                default: break
                }
                if rowBytes > SheetRowReader.maximumRowBytes {
                    throw tokens.malformed("row \(row) holds more than \(SheetRowReader.maximumRowBytes) bytes")
                }
                if column > cells.count {
                    while cells.count < column - 1 { cells.append(.empty) }
                    cells.append(value)
                } else {
                    cells[column - 1] = value
                }
            case .endTag:
                if tokens.isNamed("row") { return }
            case .text:
                continue
            }
        }
        throw tokens.malformed("the document ends inside row \(row)")
    }

    @inline(__always)  // a call would copy the reader (its tokenizer) to pass it
    private func cellType(_ range: Range<Int>?) throws(WorkbookError) -> CellType {
        guard let range else { return .number }
        let bytes = tokens.buffer[range]
        switch bytes.count {
        case 1:
            switch bytes.first! {
            case UInt8(ascii: "s"): return .shared
            case UInt8(ascii: "n"): return .number
            case UInt8(ascii: "b"): return .bool
            case UInt8(ascii: "e"): return .error
            case UInt8(ascii: "d"): return .iso
            default: break
            }
        case 3 where tokens.isBytes(range, "str"): return .string
        case 9 where tokens.isBytes(range, "inlineStr"): return .inline
        default: break
        }
        throw tokens.malformed("unknown cell type '\(String(decoding: bytes, as: UTF8.self))'")
    }

    /// Reads one cell's children up to `</c>`: its `<v>` or `<is>`; a `<f>` is skipped.
    private mutating func readCell(type: CellType, style: Int, row: Int) throws(WorkbookError) -> CellValue {
        var value: String? = nil
        var inline: String? = nil
        var inValue = false
        var sharedIndex: Int? = nil
        while try tokens.next() {
            switch tokens.kind {
            case .startTag:
                if tokens.isNamed("v") { inValue = !tokens.isEmptyElement; if value == nil { value = "" } }
                else if tokens.isNamed("is") && !tokens.isEmptyElement { inline = try SharedStrings.readRichText(&tokens, until: "is") }
            case .endTag:
                if tokens.isNamed("v") { inValue = false }
                else if tokens.isNamed("c") {
                    return try cellValue(type: type, style: style, value: value, inline: inline, sharedIndex: sharedIndex, row: row)
                }
            case .text:
                guard inValue else { continue }
                if type == .shared, !tokens.textIsCDATA, value == "", sharedIndex == nil, let index = integer(tokens.text) {
                    sharedIndex = index
                    continue
                }
                sharedIndex = nil
                value = (value ?? "") + tokens.textValue()
            }
        }
        throw tokens.malformed("the document ends inside a cell of row \(row)")
    }

    @inline(__always)  // a call would copy the reader (its tokenizer) to pass it
    private func cellValue(type: CellType, style: Int, value: String?, inline: String?, sharedIndex: Int?, row: Int) throws(WorkbookError) -> CellValue {
        switch type {
        case .inline:
            return inline.map { .text($0) } ?? value.map { .text($0) } ?? .empty
        case .shared:
            let index = sharedIndex ?? value.flatMap { Int($0.trimmingSpaces) }
            guard let index else { return value == nil ? .empty : .text("") }
            guard let text = strings[index] else { throw tokens.malformed("shared string \(index) does not exist (row \(row))") }
            return .text(text)
        case .string:
            return value.map { .text($0) } ?? .empty
        case .bool:
            guard let value = value?.trimmingSpaces, !value.isEmpty else { return .empty }
            return .bool(value != "0" && value.lowercased() != "false")
        case .error:
            return value.map { .error($0) } ?? .empty
        case .iso:
            return value.map { .isoDate($0.trimmingSpaces) } ?? .empty
        case .number:
            guard let value = value?.trimmingSpaces, !value.isEmpty else { return .empty }
            return styles.isDateStyle(style) ? .date(serial: value) : .number(value)
        }
    }

    /// A non-negative decimal integer written in `range` of the tokenizer's buffer.
    @inline(__always)  // a call would copy the reader (its tokenizer) to pass it
    private func integer(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 18 else { return nil }
        var result = 0
        for byte in tokens.buffer[range] {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            result = result * 10 + Int(digit)
        }
        return result
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        let edges = utf8
        guard let head = edges.first, let tail = edges.last else { return self }
        if head > 0x20 && tail > 0x20 { return self }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
