import ResidentIO

/// A table of text with labelled columns, aligned for a terminal (Chinese characters
/// count two columns): the first column left-aligned, the others right-aligned.
struct TextTable {
    let headers: [String]
    private(set) var rows: [[String]] = []

    /// Whether the first line shows the headers.
    private let showsHeaders: Bool

    init(_ headers: [String]) {
        self.headers = headers
        showsHeaders = true
    }

    /// A table of `columns` columns without a header line (label and value pairs).
    init(columns: Int) {
        headers = Array(repeating: "", count: columns)
        showsHeaders = false
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// The table, each line after `indent`, columns two spaces apart.
    func render(indent: String = "  ") -> String {
        let all = (showsHeaders ? [headers] : []) + rows
        let widths = headers.indices.map { column in all.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        var text = ""
        for row in all {
            var line = indent
            for (column, cell) in row.enumerated() {
                if column > 0 { line += "  " }
                line += column == 0 ? DisplayWidth.padRight(cell, to: widths[column]) : DisplayWidth.padLeft(cell, to: widths[column])
            }
            while line.hasSuffix(" ") { line.removeLast() }
            text += line + "\n"
        }
        return text
    }
}
