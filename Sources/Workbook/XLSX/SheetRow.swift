/// One row of a worksheet: its row number in the sheet and its cells by column.
public struct SheetRow: Equatable, Sendable {
    /// The row number Excel shows (1-based), from the row's `r` attribute.
    public var number: Int
    /// The cells, `cells[0]` being column A; columns with no cell are `.empty`.
    /// Trailing empty cells are dropped, so `cells.count` is the last used column.
    public var cells: [CellValue]

    /// A row with these cells.
    public init(number: Int, cells: [CellValue]) {
        self.number = number
        self.cells = cells
    }

    /// The cell in `column` (0 = A); `.empty` past the last used column.
    public subscript(column: Int) -> CellValue { column < cells.count ? cells[column] : .empty }
}
