/// A1-style cell references: `B7` is column 2 (B), row 7.
public enum CellReference {
    /// Excel's last column (XFD).
    public static let maximumColumn = 16_384
    /// Excel's last row.
    public static let maximumRow = 1_048_576

    /// The column letters of a 1-based column: 1 → `A`, 27 → `AA`.
    public static func columnName(_ column: Int) -> String {
        precondition(column >= 1)
        var column = column
        var letters: [UInt8] = []
        while column > 0 {
            column -= 1
            letters.append(UInt8(ascii: "A") + UInt8(column % 26))
            column /= 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// Parses `B7` (or `$B$7`) into a 1-based column and row; nil unless both are in Excel's range.
    static func parse(_ bytes: ArraySlice<UInt8>) -> (column: Int, row: Int?)? {
        var column = 0
        var row = 0
        var index = bytes.startIndex
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "$") { index += 1 }
        while index < bytes.endIndex {
            let byte = bytes[index] | 0x20   // ASCII lower case
            guard byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") else { break }
            column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
            if column > maximumColumn { return nil }
            index += 1
        }
        guard column > 0 else { return nil }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "$") { index += 1 }
        guard index < bytes.endIndex else { return (column, nil) }
        while index < bytes.endIndex {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            row = row * 10 + Int(digit)
            if row > maximumRow { return nil }
            index += 1
        }
        return row > 0 ? (column, row) : nil
    }
}
