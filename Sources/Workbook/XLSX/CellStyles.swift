/// Which cell style indexes (`s` on a cell, an index into `cellXfs`) show dates.
///
/// Read from `xl/styles.xml`: the custom `<numFmts>` and the `numFmtId` of each `<xf>`
/// in `<cellXfs>` (the `<xf>`s of `<cellStyleXfs>` are named styles, not cell styles).
struct CellStyles: Sendable {
    /// `isDate[s]` is true when style `s` has a date or time number format.
    private(set) var isDate: [Bool] = []

    /// No styles: every number is a number.
    init() {}

    /// Reads a styles part.
    init(_ source: some ChunkSource, part: String) throws(WorkbookError) {
        var tokens = XMLTokenizer(source, part: part)
        var codes: [Int: String] = [:]
        var depth = 0, cellXfsDepth: Int? = nil
        while try tokens.next() {
            switch tokens.kind {
            case .startTag:
                if tokens.isNamed("numFmt"), let id = tokens.attribute("numFmtId").flatMap({ Int($0) }) {
                    codes[id] = tokens.attribute("formatCode") ?? ""
                } else if tokens.isNamed("cellXfs") {
                    cellXfsDepth = depth
                } else if tokens.isNamed("xf"), let level = cellXfsDepth, depth == level + 1 {
                    let id = tokens.attribute("numFmtId").flatMap { Int($0) } ?? 0
                    isDate.append(DateFormats.isDate(id: id, code: codes[id]))
                }
                if !tokens.isEmptyElement { depth += 1 }
            case .endTag:
                depth -= 1
                if tokens.isNamed("cellXfs") { cellXfsDepth = nil }
            case .text:
                break
            }
        }
    }

    /// Whether style index `style` is a date style (false for an unknown index).
    func isDateStyle(_ style: Int) -> Bool { style >= 0 && style < isDate.count && isDate[style] }
}
